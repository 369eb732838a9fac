import Foundation
import MSKESMCLI

// Writes the generated documentation: Completions/ and man/ (run from the package root).
print("msk-esm-docs: not yet")
