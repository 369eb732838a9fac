import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

extension MappingWaiter.Target: ExpressibleByArgument {}

/// `msk-esm wait UUID --for enabled|disabled|deleted`: polls State until it settles.
struct WaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Wait until an event source mapping is Enabled, Disabled or deleted.",
        discussion: """
            Polls State with a growing pause (from --poll-interval up to 15 s) until it settles or --timeout \
            passes (default 10 minutes). A mapping that settles in another state, or is still changing at the \
            timeout, is explained (StateTransitionReason, LastProcessingResult) and the exit code is 1. Ctrl-C in \
            the REPL stops the wait. JSON: the mapping as last read ({"uuid", "state": "deleted"} when deleted).

            Example:
              msk-esm wait 14e0db71-5d35-4eb5-b481-8945cf9d10c2 --for enabled --timeout 300
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @OptionGroup var mapping: MappingUUIDArgument
    var uuid: String { mapping.value }

    @Option(
        name: .customLong("for"),
        help: ArgumentHelp("The state to wait for: enabled, disabled or deleted.", valueName: "state"))
    var target: MappingWaiter.Target = .enabled

    @Option(help: ArgumentHelp("Give up after this many seconds (default 600).", valueName: "seconds"))
    var timeout: Double = 600

    @Option(
        name: .customLong("poll-interval"),
        help: ArgumentHelp("Seconds between the first polls (default 2).", valueName: "seconds"))
    var pollInterval: Double = 2

    func validate() throws {
        try global.validate()
        if timeout <= 0 || pollInterval <= 0 {
            throw ValidationError("--timeout and --poll-interval must be more than 0 seconds")
        }
    }

    func run() async throws {
        var options = WaitOptions()
        options.wait = true
        options.timeout = timeout
        options.pollInterval = pollInterval
        let client = try MappingCommandSupport.client(global)
        let mapping = try await MappingCommandSupport.wait(
            uuid: uuid, for: target, options: options, global: global, client: client)
        switch global.output {
        case .json, .jsonl, .reportJSON:
            try MappingCommandSupport.printJSON(mapping ?? ["uuid": .string(uuid), "state": "deleted"])
        case .text, .table, .sarif, .github, .markdown:
            if !global.quiet {
                CommandContext.console.write(
                    MappingCommandSupport.stateLine(uuid, mapping?["State"]?.stringValue ?? "deleted"))
            }
        }
    }
}

extension WaitCommand: CommandWithGlobalOptions {}
