function __msk-esm_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __msk-esm_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __msk-esm_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __msk-esm_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __msk-esm_parse_tokens -S
    set -l unparsed_tokens (__msk-esm_tokens -pc)
    switch $unparsed_tokens[1]
    case 'msk-esm'
        __msk-esm_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'secret'
            __msk-esm_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'validate'
                __msk-esm_parse_subcommand 1 'output=' 'no-color' 'quiet' 'strict' 'at=' 'debug' 'profile=' 'region=+' 'endpoint-url=' 'cli-connect-timeout=' 'cli-read-timeout=' 'certificate=' 'private-key=' 'password-file=' 'type=' 'for=' 'trust-anchor=' 'secret-name=' 'version' 'h/help'
            case 'fix'
                __msk-esm_parse_subcommand 1 'output=' 'no-color' 'quiet' 'strict' 'at=' 'debug' 'profile=' 'region=+' 'endpoint-url=' 'cli-connect-timeout=' 'cli-read-timeout=' 'certificate=' 'private-key=' 'password-file=' 'type=' 'for=' 'write=' 'force' 'scheme=' 'version' 'h/help'
            end
        case 'repl'
            __msk-esm_parse_subcommand 0 'output=' 'no-color' 'quiet' 'strict' 'at=' 'debug' 'profile=' 'region=+' 'endpoint-url=' 'cli-connect-timeout=' 'cli-read-timeout=' 'version' 'h/help'
        case 'policy'
            __msk-esm_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'check'
                __msk-esm_parse_subcommand 0 'output=' 'no-color' 'quiet' 'strict' 'at=' 'debug' 'profile=' 'region=+' 'endpoint-url=' 'cli-connect-timeout=' 'cli-read-timeout=' 'snapshot=' 'policy=+' 'boundary=' 'action=+' 'resource=+' 'context=+' 'absent=+' 'suggest' 'version' 'h/help'
            end
        case 'network'
            __msk-esm_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'check'
                __msk-esm_parse_subcommand 0 'output=' 'no-color' 'quiet' 'strict' 'at=' 'debug' 'profile=' 'region=+' 'endpoint-url=' 'cli-connect-timeout=' 'cli-read-timeout=' 'snapshot=' 'security-groups-json=' 'subnets-json=' 'route-tables-json=' 'nat-gateways-json=' 'vpc-endpoints-json=' 'group-id=+' 'broker-group-id=+' 'subnet-id=+' 'port=+' 'secret' 'secret-id=' 'on-failure=' 'provisioned' 'role-arn=' 'function-arn=' 'version' 'h/help'
            end
        case 'brokers'
            __msk-esm_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'explain'
                __msk-esm_parse_subcommand 0 'output=' 'no-color' 'quiet' 'strict' 'at=' 'debug' 'profile=' 'region=+' 'endpoint-url=' 'cli-connect-timeout=' 'cli-read-timeout=' 'cluster-json=' 'bootstrap-brokers-json=' 'mapping-json=' 'auth=' 'bootstrap-servers=' 'snapshot=' 'version' 'h/help'
            end
        case 'doctor'
            __msk-esm_parse_subcommand 1 'output=' 'no-color' 'quiet' 'strict' 'at=' 'debug' 'profile=' 'region=+' 'endpoint-url=' 'cli-connect-timeout=' 'cli-read-timeout=' 'snapshot=' 'function=' 'all' 'all-regions' 'function-prefix=' 'cluster=' 'state=+' 'concurrency=' 'version' 'h/help'
        case 'snapshot'
            __msk-esm_parse_subcommand 1 'output=' 'no-color' 'quiet' 'strict' 'at=' 'debug' 'profile=' 'region=+' 'endpoint-url=' 'cli-connect-timeout=' 'cli-read-timeout=' 'write=' 'force' 'include-secrets' 'version' 'h/help'
        case 'help'
            __msk-esm_parse_subcommand -r 1 'version'
        end
    end
end

function __msk-esm_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __msk-esm_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __msk-esm_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __msk-esm_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__msk-esm_tokens -p)
    if test -z "$(__msk-esm_tokens -t)"
        set -l index (count (__msk-esm_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'msk-esm' -f
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm" version' -l 'version' -d 'Show the version.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_positional "msk-esm" -eq 1' -fa 'secret' -d 'Validate and repair the secrets a Kafka event source mapping uses.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_positional "msk-esm" -eq 1' -fa 'repl' -d 'An interactive shell with history and Tab completion that runs every msk-esm command.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_positional "msk-esm" -eq 1' -fa 'policy' -d 'Evaluate IAM policies offline, as AWS does, and suggest least-privilege fixes.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_positional "msk-esm" -eq 1' -fa 'network' -d 'Check the security groups, routes and VPC endpoints an event source mapping depends on.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_positional "msk-esm" -eq 1' -fa 'brokers' -d 'Explain which bootstrap brokers and authentication Lambda uses for a mapping.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_positional "msk-esm" -eq 1' -fa 'doctor' -d 'Diagnose event source mappings (live, or from a snapshot): every check, each problem with its fix.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_positional "msk-esm" -eq 1' -fa 'snapshot' -d 'Read a Kafka event source mapping and everything around it from AWS into one JSON snapshot.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_positional "msk-esm" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret" version' -l 'version' -d 'Show the version.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_positional "msk-esm secret" -eq 1' -fa 'validate' -d 'Check an mTLS, SASL/SCRAM, BASIC_AUTH or root-CA secret the way Lambda will read it.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_positional "msk-esm secret" -eq 1' -fa 'fix' -d 'Write a corrected secret: chain in order, key as PKCS#8 under a scheme Lambda reads.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" output' -l 'output' -d 'Output format: text for people, json for scripts (one document on stdout).' -rfka 'text json jsonl'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" no-color' -l 'no-color' -d 'Never colour the output (also when NO_COLOR is set).'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" quiet' -l 'quiet' -d 'Print only problems and errors.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" strict' -l 'strict' -d 'Exit 1 on warnings and on checks that could not run, not only on failures.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" at' -l 'at' -d 'Evaluate dates (certificate validity, timestamps in the future) at this instant instead of now.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" debug' -l 'debug' -d 'Trace what the command does on stderr, with secrets and signatures redacted.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" profile' -l 'profile' -d 'Use this profile from ~/.aws/config and ~/.aws/credentials.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate"' -l 'region' -d 'The AWS Region to call (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region); doctor --all takes it repeated.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" endpoint-url' -l 'endpoint-url' -d 'Send every AWS call to this URL instead of the standard endpoints.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" cli-connect-timeout' -l 'cli-connect-timeout' -d 'Seconds to wait for a connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" cli-read-timeout' -l 'cli-read-timeout' -d 'Seconds to wait for data on an open connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" certificate' -l 'certificate' -d 'The certificate chain as a PEM file (instead of FILE).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" private-key' -l 'private-key' -d 'The private key as a PEM file (instead of FILE).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" password-file' -l 'password-file' -d 'A file holding the key\'s password (one line) for PEM or part-file input.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" type' -l 'type' -d 'The secret type: mtls, scram, basic or root-ca (default: detected; {username,password} is scram).' -rfka 'mtls scram basic root-ca'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" for' -l 'for' -d 'Whose rules apply: msk or self-managed.' -rfka 'msk self-managed'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" trust-anchor' -l 'trust-anchor' -d 'A PEM file with the CA the brokers trust (e.g. the cluster\'s ACM Private CA); the chain must end there.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" secret-name' -l 'secret-name' -d 'The secret\'s name or ARN in Secrets Manager, for the AmazonMSK_ rule.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" version' -l 'version' -d 'Show the version.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" output' -l 'output' -d 'Output format: text for people, json for scripts (one document on stdout).' -rfka 'text json jsonl'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" no-color' -l 'no-color' -d 'Never colour the output (also when NO_COLOR is set).'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" quiet' -l 'quiet' -d 'Print only problems and errors.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" strict' -l 'strict' -d 'Exit 1 on warnings and on checks that could not run, not only on failures.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" at' -l 'at' -d 'Evaluate dates (certificate validity, timestamps in the future) at this instant instead of now.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" debug' -l 'debug' -d 'Trace what the command does on stderr, with secrets and signatures redacted.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" profile' -l 'profile' -d 'Use this profile from ~/.aws/config and ~/.aws/credentials.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix"' -l 'region' -d 'The AWS Region to call (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region); doctor --all takes it repeated.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" endpoint-url' -l 'endpoint-url' -d 'Send every AWS call to this URL instead of the standard endpoints.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" cli-connect-timeout' -l 'cli-connect-timeout' -d 'Seconds to wait for a connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" cli-read-timeout' -l 'cli-read-timeout' -d 'Seconds to wait for data on an open connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" certificate' -l 'certificate' -d 'The certificate chain as a PEM file (instead of FILE).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" private-key' -l 'private-key' -d 'The private key as a PEM file (instead of FILE).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" password-file' -l 'password-file' -d 'A file holding the key\'s password (one line) for PEM or part-file input.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" type' -l 'type' -d 'The secret type: mtls, scram, basic or root-ca (default: detected; {username,password} is scram).' -rfka 'mtls scram basic root-ca'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" for' -l 'for' -d 'Whose rules apply: msk or self-managed.' -rfka 'msk self-managed'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" write' -l 'write' -d 'Where to write the corrected secret JSON (mode 0600), or - for standard output.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" force' -l 'force' -d 'Replace --write FILE if it exists.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" scheme' -l 'scheme' -d 'The scheme an encrypted key is re-encrypted with: PBE-SHA1-3DES (default) or PBE-MD5-DES.' -rfka 'PBE-SHA1-3DES PBE-MD5-DES'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" version' -l 'version' -d 'Show the version.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm secret fix" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm repl" output' -l 'output' -d 'Output format: text for people, json for scripts (one document on stdout).' -rfka 'text json jsonl'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm repl" no-color' -l 'no-color' -d 'Never colour the output (also when NO_COLOR is set).'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm repl" quiet' -l 'quiet' -d 'Print only problems and errors.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm repl" strict' -l 'strict' -d 'Exit 1 on warnings and on checks that could not run, not only on failures.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm repl" at' -l 'at' -d 'Evaluate dates (certificate validity, timestamps in the future) at this instant instead of now.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm repl" debug' -l 'debug' -d 'Trace what the command does on stderr, with secrets and signatures redacted.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm repl" profile' -l 'profile' -d 'Use this profile from ~/.aws/config and ~/.aws/credentials.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm repl"' -l 'region' -d 'The AWS Region to call (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region); doctor --all takes it repeated.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm repl" endpoint-url' -l 'endpoint-url' -d 'Send every AWS call to this URL instead of the standard endpoints.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm repl" cli-connect-timeout' -l 'cli-connect-timeout' -d 'Seconds to wait for a connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm repl" cli-read-timeout' -l 'cli-read-timeout' -d 'Seconds to wait for data on an open connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm repl" version' -l 'version' -d 'Show the version.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm repl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy" version' -l 'version' -d 'Show the version.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_positional "msk-esm policy" -eq 1' -fa 'check' -d 'Decide, offline, whether identity policies allow actions on resources, or a mapping\'s role all it needs.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check" output' -l 'output' -d 'Output format: text for people, json for scripts (one document on stdout).' -rfka 'text json jsonl'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check" no-color' -l 'no-color' -d 'Never colour the output (also when NO_COLOR is set).'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check" quiet' -l 'quiet' -d 'Print only problems and errors.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check" strict' -l 'strict' -d 'Exit 1 on warnings and on checks that could not run, not only on failures.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check" at' -l 'at' -d 'Evaluate dates (certificate validity, timestamps in the future) at this instant instead of now.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check" debug' -l 'debug' -d 'Trace what the command does on stderr, with secrets and signatures redacted.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check" profile' -l 'profile' -d 'Use this profile from ~/.aws/config and ~/.aws/credentials.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check"' -l 'region' -d 'The AWS Region to call (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region); doctor --all takes it repeated.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check" endpoint-url' -l 'endpoint-url' -d 'Send every AWS call to this URL instead of the standard endpoints.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check" cli-connect-timeout' -l 'cli-connect-timeout' -d 'Seconds to wait for a connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check" cli-read-timeout' -l 'cli-read-timeout' -d 'Seconds to wait for data on an open connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check" snapshot' -l 'snapshot' -d 'A snapshot (- for standard input): check its mapping\'s execution role. Not with --policy or --action.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check"' -l 'policy' -d 'An identity policy file (- for standard input), or aws:AWSLambdaMSKExecutionRole. Repeatable.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check" boundary' -l 'boundary' -d 'A permissions boundary policy file: it must allow the action too.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check"' -l 'action' -d 'An action to evaluate, e.g. kafka-cluster:Connect. Repeatable.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check"' -l 'resource' -d 'A resource ARN to evaluate the actions on (default *). Repeatable.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check"' -l 'context' -d 'A request context value, e.g. aws:SourceIp=10.0.0.1. The same key twice makes a multi-valued key.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check"' -l 'absent' -d 'A context key known to be missing from the request (AWS\'s rules for missing keys apply).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check" suggest' -l 'suggest' -d 'Print the least-privilege statements that add exactly what is denied, and the Deny statements to remove.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check" version' -l 'version' -d 'Show the version.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm policy check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network" version' -l 'version' -d 'Show the version.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_positional "msk-esm network" -eq 1' -fa 'check' -d 'Check that a mapping\'s subnets and security groups let Lambda reach the brokers and AWS services.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" output' -l 'output' -d 'Output format: text for people, json for scripts (one document on stdout).' -rfka 'text json jsonl'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" no-color' -l 'no-color' -d 'Never colour the output (also when NO_COLOR is set).'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" quiet' -l 'quiet' -d 'Print only problems and errors.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" strict' -l 'strict' -d 'Exit 1 on warnings and on checks that could not run, not only on failures.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" at' -l 'at' -d 'Evaluate dates (certificate validity, timestamps in the future) at this instant instead of now.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" debug' -l 'debug' -d 'Trace what the command does on stderr, with secrets and signatures redacted.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" profile' -l 'profile' -d 'Use this profile from ~/.aws/config and ~/.aws/credentials.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check"' -l 'region' -d 'The AWS Region to call (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region); doctor --all takes it repeated.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" endpoint-url' -l 'endpoint-url' -d 'Send every AWS call to this URL instead of the standard endpoints.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" cli-connect-timeout' -l 'cli-connect-timeout' -d 'Seconds to wait for a connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" cli-read-timeout' -l 'cli-read-timeout' -d 'Seconds to wait for data on an open connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" snapshot' -l 'snapshot' -d 'A snapshot (- for standard input) to take every input from; the flags below override it.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" security-groups-json' -l 'security-groups-json' -d 'Output of aws ec2 describe-security-groups (the mapping\'s and the endpoints\' groups).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" subnets-json' -l 'subnets-json' -d 'Output of aws ec2 describe-subnets (the mapping\'s subnets).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" route-tables-json' -l 'route-tables-json' -d 'Output of aws ec2 describe-route-tables for the VPC (including its main table).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" nat-gateways-json' -l 'nat-gateways-json' -d 'Output of aws ec2 describe-nat-gateways for the VPC.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" vpc-endpoints-json' -l 'vpc-endpoints-json' -d 'Output of aws ec2 describe-vpc-endpoints for the VPC.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check"' -l 'group-id' -d 'A security group of the mapping (MSK: of the cluster). Repeat for each.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check"' -l 'broker-group-id' -d 'A security group of the brokers, when not the mapping\'s own (self-managed Kafka). Repeat for each.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check"' -l 'subnet-id' -d 'A subnet of the mapping (MSK: a client subnet of the cluster). Repeat for each.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check"' -l 'port' -d 'The broker port the mapping uses (9092, 9094, 9096, 9098, …). Repeatable.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" secret' -l 'secret' -d 'The mapping uses a secret from Secrets Manager (SASL/SCRAM, mTLS, BASIC_AUTH, root CA).'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" secret-id' -l 'secret-id' -d 'The secret\'s ARN (implies --secret; used to evaluate endpoint policies).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" on-failure' -l 'on-failure' -d 'The on-failure destination: an SQS, SNS or S3 ARN, or kafka://topic.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" provisioned' -l 'provisioned' -d 'The mapping uses provisioned mode: a missing Lambda/STS path is a warning, since it may not be needed.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" role-arn' -l 'role-arn' -d 'The function\'s execution role ARN (used to evaluate endpoint policies).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" function-arn' -l 'function-arn' -d 'The function\'s ARN (used to evaluate endpoint policies).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" version' -l 'version' -d 'Show the version.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm network check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers" version' -l 'version' -d 'Show the version.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_positional "msk-esm brokers" -eq 1' -fa 'explain' -d 'Show the authentication method, bootstrap string, port and brokers Lambda will use, and why.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" output' -l 'output' -d 'Output format: text for people, json for scripts (one document on stdout).' -rfka 'text json jsonl'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" no-color' -l 'no-color' -d 'Never colour the output (also when NO_COLOR is set).'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" quiet' -l 'quiet' -d 'Print only problems and errors.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" strict' -l 'strict' -d 'Exit 1 on warnings and on checks that could not run, not only on failures.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" at' -l 'at' -d 'Evaluate dates (certificate validity, timestamps in the future) at this instant instead of now.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" debug' -l 'debug' -d 'Trace what the command does on stderr, with secrets and signatures redacted.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" profile' -l 'profile' -d 'Use this profile from ~/.aws/config and ~/.aws/credentials.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain"' -l 'region' -d 'The AWS Region to call (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region); doctor --all takes it repeated.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" endpoint-url' -l 'endpoint-url' -d 'Send every AWS call to this URL instead of the standard endpoints.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" cli-connect-timeout' -l 'cli-connect-timeout' -d 'Seconds to wait for a connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" cli-read-timeout' -l 'cli-read-timeout' -d 'Seconds to wait for data on an open connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" cluster-json' -l 'cluster-json' -d 'Output of aws kafka describe-cluster-v2 (MSK).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" bootstrap-brokers-json' -l 'bootstrap-brokers-json' -d 'Output of aws kafka get-bootstrap-brokers: gives the broker list and ports.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" mapping-json' -l 'mapping-json' -d 'Output of aws lambda get-event-source-mapping: its secrets decide (self-managed: also its endpoints).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" auth' -l 'auth' -d 'The secret the mapping would carry, instead of --mapping-json (none: no secret).' -rfka 'mtls scram-512 scram-256 basic iam none'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" bootstrap-servers' -l 'bootstrap-servers' -d 'Self-managed bootstrap servers, host:port,… (with --auth).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" snapshot' -l 'snapshot' -d 'A snapshot document instead of the separate files.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" version' -l 'version' -d 'Show the version.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm brokers explain" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" output' -l 'output' -d 'Output format: text for people, json for scripts (one document on stdout).' -rfka 'text json jsonl'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" no-color' -l 'no-color' -d 'Never colour the output (also when NO_COLOR is set).'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" quiet' -l 'quiet' -d 'Print only problems and errors.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" strict' -l 'strict' -d 'Exit 1 on warnings and on checks that could not run, not only on failures.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" at' -l 'at' -d 'Evaluate dates (certificate validity, timestamps in the future) at this instant instead of now.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" debug' -l 'debug' -d 'Trace what the command does on stderr, with secrets and signatures redacted.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" profile' -l 'profile' -d 'Use this profile from ~/.aws/config and ~/.aws/credentials.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor"' -l 'region' -d 'The AWS Region to call (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region); doctor --all takes it repeated.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" endpoint-url' -l 'endpoint-url' -d 'Send every AWS call to this URL instead of the standard endpoints.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" cli-connect-timeout' -l 'cli-connect-timeout' -d 'Seconds to wait for a connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" cli-read-timeout' -l 'cli-read-timeout' -d 'Seconds to wait for data on an open connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" snapshot' -l 'snapshot' -d 'A snapshot document (SnapshotVersion 1: AWS CLI outputs of the mapping, function, cluster, …), or - for standard input.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" function' -l 'function' -d 'Diagnose every Kafka event source mapping of this function (a name or an ARN).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" all' -l 'all' -d 'Diagnose every Kafka event source mapping of the account in the Region (or each --region given).'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" all-regions' -l 'all-regions' -d 'With --all: every Region enabled for the account (EC2 DescribeRegions).'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" function-prefix' -l 'function-prefix' -d 'With --all: only mappings of functions whose name starts with this.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" cluster' -l 'cluster' -d 'With --all: only mappings on this MSK cluster (or VPC connection) ARN.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor"' -l 'state' -d 'With --all: only mappings in this state (Enabled, Disabled, Creating, Updating, …); repeat for several.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" concurrency' -l 'concurrency' -d 'At most this many AWS calls at once (fewer for a while when AWS throttles).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" version' -l 'version' -d 'Show the version.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm doctor" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot" output' -l 'output' -d 'Output format: text for people, json for scripts (one document on stdout).' -rfka 'text json jsonl'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot" no-color' -l 'no-color' -d 'Never colour the output (also when NO_COLOR is set).'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot" quiet' -l 'quiet' -d 'Print only problems and errors.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot" strict' -l 'strict' -d 'Exit 1 on warnings and on checks that could not run, not only on failures.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot" at' -l 'at' -d 'Evaluate dates (certificate validity, timestamps in the future) at this instant instead of now.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot" debug' -l 'debug' -d 'Trace what the command does on stderr, with secrets and signatures redacted.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot" profile' -l 'profile' -d 'Use this profile from ~/.aws/config and ~/.aws/credentials.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot"' -l 'region' -d 'The AWS Region to call (default: AWS_REGION, AWS_DEFAULT_REGION, the profile\'s region); doctor --all takes it repeated.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot" endpoint-url' -l 'endpoint-url' -d 'Send every AWS call to this URL instead of the standard endpoints.' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot" cli-connect-timeout' -l 'cli-connect-timeout' -d 'Seconds to wait for a connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot" cli-read-timeout' -l 'cli-read-timeout' -d 'Seconds to wait for data on an open connection (0: no limit).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot" write' -l 'write' -d 'Write the snapshot to this file (- for standard output, the default).' -rfka ''
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot" force' -l 'force' -d 'Replace the file named by --write if it exists.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot" include-secrets' -l 'include-secrets' -d 'Keep the secrets\' values (SecretString) in the snapshot.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot" version' -l 'version' -d 'Show the version.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm snapshot" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'msk-esm' -n '__msk-esm_should_offer_completions_for_flags_or_options "msk-esm help" version' -l 'version' -d 'Show the version.'