import Foundation
import MSKESMCLI
import MSKESMCore
import MSKESMSystem

// Writes the generated documentation (Completions/ and man/) from the command tree.
// Run from the package root: swift run msk-esm-docs
for file in GeneratedDocumentation.files() {
    let url = URL(fileURLWithPath: file.path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try AtomicFileWriter.write(Data(file.contents.utf8), to: url.path, mode: 0o644, overwrite: true)
    print("wrote \(file.path)")
}
