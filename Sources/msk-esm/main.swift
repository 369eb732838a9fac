import Foundation
import MSKESMCLI

exit(await CommandLineEntry.run(Array(CommandLine.arguments.dropFirst())))
