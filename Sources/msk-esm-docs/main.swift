import Foundation
import MSKESMCLI

// Writes the generated documentation (Completions/ and man/) from the command tree.
// Run from the package root: swift run msk-esm-docs
for file in GeneratedDocumentation.files() {
    let url = URL(fileURLWithPath: file.path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(file.contents.utf8).write(to: url, options: .atomic)
    print("wrote \(file.path)")
}
