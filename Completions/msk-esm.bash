#!/bin/bash

__msk-esm_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__msk-esm_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__msk-esm_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__msk-esm_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_msk-esm() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __msk-esm_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    doctor|lint|probe|brokers|snapshot|create|update|get|list|delete|enable|disable|wait|secret|network|policy|event|filter|repl|mcp|help)
        # Offer subcommand argument completions
        "_msk-esm_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'doctor lint probe brokers snapshot create update get list delete enable disable wait secret network policy event filter repl mcp help' -- "${cur}"))
        ;;
    esac
}

_msk-esm_doctor() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --all --all-regions --new-only --probe --organization --version -h --help)
    repeating_options=(--region --state)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --snapshot --function --function-prefix --cluster --concurrency --baseline --since --accounts --assume-role-name --external-id --timeout --ca-file --token-endpoint-ca-file)
    __msk-esm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--snapshot')
        return
        ;;
    '--function')
        return
        ;;
    '--function-prefix')
        return
        ;;
    '--cluster')
        return
        ;;
    '--state')
        return
        ;;
    '--concurrency')
        return
        ;;
    '--baseline')
        return
        ;;
    '--since')
        return
        ;;
    '--accounts')
        return
        ;;
    '--assume-role-name')
        return
        ;;
    '--external-id')
        return
        ;;
    '--timeout')
        return
        ;;
    '--ca-file')
        return
        ;;
    '--token-endpoint-ca-file')
        return
        ;;
    esac
}

_msk-esm_lint() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --version -h --help)
    repeating_options=(--region --parameter)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --parameters-file)
    __msk-esm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--parameter')
        return
        ;;
    '--parameters-file')
        return
        ;;
    esac
}

_msk-esm_probe() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --version -h --help)
    repeating_options=(--region)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --snapshot --bootstrap-servers --auth --secret-file --secret-id --root-ca-secret-id --ca-file --token-endpoint-ca-file --oauth-scope --oauth-audience --oauth-logical-cluster --oauth-identity-pool --topic --group --timeout)
    __msk-esm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--snapshot')
        return
        ;;
    '--bootstrap-servers')
        return
        ;;
    '--auth')
        __msk-esm_add_completions -W 'mtls'$'\n''scram-512'$'\n''scram-256'$'\n''basic'$'\n''iam'$'\n''oauthbearer'$'\n''iam-oauthbearer'$'\n''tls'$'\n''plaintext'
        return
        ;;
    '--secret-file')
        return
        ;;
    '--secret-id')
        return
        ;;
    '--root-ca-secret-id')
        return
        ;;
    '--ca-file')
        return
        ;;
    '--token-endpoint-ca-file')
        return
        ;;
    '--oauth-scope')
        return
        ;;
    '--oauth-audience')
        return
        ;;
    '--oauth-logical-cluster')
        return
        ;;
    '--oauth-identity-pool')
        return
        ;;
    '--topic')
        return
        ;;
    '--group')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_msk-esm_brokers() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __msk-esm_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    explain)
        # Offer subcommand argument completions
        "_msk-esm_brokers_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'explain' -- "${cur}"))
        ;;
    esac
}

_msk-esm_brokers_explain() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --version -h --help)
    repeating_options=(--region)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --cluster-json --bootstrap-brokers-json --mapping-json --auth --bootstrap-servers --snapshot --cluster --mapping)
    __msk-esm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--cluster-json')
        return
        ;;
    '--bootstrap-brokers-json')
        return
        ;;
    '--mapping-json')
        return
        ;;
    '--auth')
        __msk-esm_add_completions -W 'mtls'$'\n''scram-512'$'\n''scram-256'$'\n''basic'$'\n''iam'$'\n''none'$'\n''oauthbearer'$'\n''iam-oauthbearer'
        return
        ;;
    '--bootstrap-servers')
        return
        ;;
    '--snapshot')
        return
        ;;
    '--cluster')
        return
        ;;
    '--mapping')
        return
        ;;
    esac
}

_msk-esm_snapshot() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --force --include-secrets --version -h --help)
    repeating_options=(--region)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --write --since)
    __msk-esm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--write')
        return
        ;;
    '--since')
        return
        ;;
    esac
}

_msk-esm_create() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --bisect-on-error --no-bisect-on-error --report-batch-item-failures --no-report-batch-item-failures --disabled --bisect-batch-on-function-error --no-bisect-batch-on-function-error --enabled --no-enabled --wait --dry-run --no-preflight --force --version -h --help)
    repeating_options=(--region --subnet --security-group --filter --metric --schema-registry-auth --schema-validate --tag --topics --function-response-types --source-access-configurations)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --generate-cli-skeleton --function --cluster --bootstrap-servers --topic --starting-position --starting-position-timestamp --batch-size --batching-window --consumer-group-id --auth --oauth-scope --oauth-audience --oauth-logical-cluster --oauth-identity-pool --secret-id --root-ca-secret-id --on-failure --filter-kms-key --pollers --poller-group --max-retry-attempts --max-record-age --log-level --schema-registry --schema-record-format --cli-input-json --cli-input-yaml --function-name --event-source-arn --maximum-batching-window-in-seconds --maximum-retry-attempts --maximum-record-age-in-seconds --kms-key-arn --self-managed-event-source --amazon-managed-kafka-event-source-config --self-managed-kafka-event-source-config --filter-criteria --destination-config --provisioned-poller-config --metrics-config --logging-config --tags --timeout --poll-interval)
    __msk-esm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--generate-cli-skeleton')
        __msk-esm_add_completions -W 'input'$'\n''output'$'\n''yaml-input'
        return
        ;;
    '--function')
        return
        ;;
    '--cluster')
        return
        ;;
    '--bootstrap-servers')
        return
        ;;
    '--topic')
        return
        ;;
    '--starting-position')
        __msk-esm_add_completions -W 'TRIM_HORIZON'$'\n''LATEST'$'\n''AT_TIMESTAMP'
        return
        ;;
    '--starting-position-timestamp')
        return
        ;;
    '--batch-size')
        return
        ;;
    '--batching-window')
        return
        ;;
    '--consumer-group-id')
        return
        ;;
    '--auth')
        __msk-esm_add_completions -W 'mtls'$'\n''scram-512'$'\n''scram-256'$'\n''basic'$'\n''oauthbearer'$'\n''iam'$'\n''iam-oauthbearer'$'\n''none'
        return
        ;;
    '--oauth-scope')
        return
        ;;
    '--oauth-audience')
        return
        ;;
    '--oauth-logical-cluster')
        return
        ;;
    '--oauth-identity-pool')
        return
        ;;
    '--secret-id')
        return
        ;;
    '--root-ca-secret-id')
        return
        ;;
    '--subnet')
        return
        ;;
    '--security-group')
        return
        ;;
    '--on-failure')
        return
        ;;
    '--filter')
        return
        ;;
    '--filter-kms-key')
        return
        ;;
    '--pollers')
        return
        ;;
    '--poller-group')
        return
        ;;
    '--max-retry-attempts')
        return
        ;;
    '--max-record-age')
        return
        ;;
    '--metric')
        __msk-esm_add_completions -W 'EventCount'$'\n''ErrorCount'$'\n''KafkaMetrics'
        return
        ;;
    '--log-level')
        __msk-esm_add_completions -W 'DEBUG'$'\n''INFO'$'\n''WARN'
        return
        ;;
    '--schema-registry')
        return
        ;;
    '--schema-record-format')
        __msk-esm_add_completions -W 'JSON'$'\n''SOURCE'
        return
        ;;
    '--schema-registry-auth')
        return
        ;;
    '--schema-validate')
        __msk-esm_add_completions -W 'KEY'$'\n''VALUE'
        return
        ;;
    '--tag')
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--cli-input-yaml')
        return
        ;;
    '--function-name')
        return
        ;;
    '--event-source-arn')
        return
        ;;
    '--topics')
        return
        ;;
    '--maximum-batching-window-in-seconds')
        return
        ;;
    '--maximum-retry-attempts')
        return
        ;;
    '--maximum-record-age-in-seconds')
        return
        ;;
    '--function-response-types')
        return
        ;;
    '--kms-key-arn')
        return
        ;;
    '--source-access-configurations')
        return
        ;;
    '--self-managed-event-source')
        return
        ;;
    '--amazon-managed-kafka-event-source-config')
        return
        ;;
    '--self-managed-kafka-event-source-config')
        return
        ;;
    '--filter-criteria')
        return
        ;;
    '--destination-config')
        return
        ;;
    '--provisioned-poller-config')
        return
        ;;
    '--metrics-config')
        return
        ;;
    '--logging-config')
        return
        ;;
    '--tags')
        return
        ;;
    '--timeout')
        return
        ;;
    '--poll-interval')
        return
        ;;
    esac
}

_msk-esm_update() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --bisect-on-error --no-bisect-on-error --report-batch-item-failures --no-report-batch-item-failures --disabled --bisect-batch-on-function-error --no-bisect-batch-on-function-error --enabled --no-enabled --wait --dry-run --no-preflight --force --version -h --help)
    repeating_options=(--region --subnet --security-group --filter --metric --schema-registry-auth --schema-validate --tag --topics --function-response-types --source-access-configurations)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --generate-cli-skeleton --uuid --function --cluster --bootstrap-servers --topic --starting-position --starting-position-timestamp --batch-size --batching-window --consumer-group-id --auth --oauth-scope --oauth-audience --oauth-logical-cluster --oauth-identity-pool --secret-id --root-ca-secret-id --on-failure --filter-kms-key --pollers --poller-group --max-retry-attempts --max-record-age --log-level --schema-registry --schema-record-format --cli-input-json --cli-input-yaml --function-name --event-source-arn --maximum-batching-window-in-seconds --maximum-retry-attempts --maximum-record-age-in-seconds --kms-key-arn --self-managed-event-source --amazon-managed-kafka-event-source-config --self-managed-kafka-event-source-config --filter-criteria --destination-config --provisioned-poller-config --metrics-config --logging-config --tags --timeout --poll-interval)
    __msk-esm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--generate-cli-skeleton')
        __msk-esm_add_completions -W 'input'$'\n''output'$'\n''yaml-input'
        return
        ;;
    '--uuid')
        return
        ;;
    '--function')
        return
        ;;
    '--cluster')
        return
        ;;
    '--bootstrap-servers')
        return
        ;;
    '--topic')
        return
        ;;
    '--starting-position')
        __msk-esm_add_completions -W 'TRIM_HORIZON'$'\n''LATEST'$'\n''AT_TIMESTAMP'
        return
        ;;
    '--starting-position-timestamp')
        return
        ;;
    '--batch-size')
        return
        ;;
    '--batching-window')
        return
        ;;
    '--consumer-group-id')
        return
        ;;
    '--auth')
        __msk-esm_add_completions -W 'mtls'$'\n''scram-512'$'\n''scram-256'$'\n''basic'$'\n''oauthbearer'$'\n''iam'$'\n''iam-oauthbearer'$'\n''none'
        return
        ;;
    '--oauth-scope')
        return
        ;;
    '--oauth-audience')
        return
        ;;
    '--oauth-logical-cluster')
        return
        ;;
    '--oauth-identity-pool')
        return
        ;;
    '--secret-id')
        return
        ;;
    '--root-ca-secret-id')
        return
        ;;
    '--subnet')
        return
        ;;
    '--security-group')
        return
        ;;
    '--on-failure')
        return
        ;;
    '--filter')
        return
        ;;
    '--filter-kms-key')
        return
        ;;
    '--pollers')
        return
        ;;
    '--poller-group')
        return
        ;;
    '--max-retry-attempts')
        return
        ;;
    '--max-record-age')
        return
        ;;
    '--metric')
        __msk-esm_add_completions -W 'EventCount'$'\n''ErrorCount'$'\n''KafkaMetrics'
        return
        ;;
    '--log-level')
        __msk-esm_add_completions -W 'DEBUG'$'\n''INFO'$'\n''WARN'
        return
        ;;
    '--schema-registry')
        return
        ;;
    '--schema-record-format')
        __msk-esm_add_completions -W 'JSON'$'\n''SOURCE'
        return
        ;;
    '--schema-registry-auth')
        return
        ;;
    '--schema-validate')
        __msk-esm_add_completions -W 'KEY'$'\n''VALUE'
        return
        ;;
    '--tag')
        return
        ;;
    '--cli-input-json')
        return
        ;;
    '--cli-input-yaml')
        return
        ;;
    '--function-name')
        return
        ;;
    '--event-source-arn')
        return
        ;;
    '--topics')
        return
        ;;
    '--maximum-batching-window-in-seconds')
        return
        ;;
    '--maximum-retry-attempts')
        return
        ;;
    '--maximum-record-age-in-seconds')
        return
        ;;
    '--function-response-types')
        return
        ;;
    '--kms-key-arn')
        return
        ;;
    '--source-access-configurations')
        return
        ;;
    '--self-managed-event-source')
        return
        ;;
    '--amazon-managed-kafka-event-source-config')
        return
        ;;
    '--self-managed-kafka-event-source-config')
        return
        ;;
    '--filter-criteria')
        return
        ;;
    '--destination-config')
        return
        ;;
    '--provisioned-poller-config')
        return
        ;;
    '--metrics-config')
        return
        ;;
    '--logging-config')
        return
        ;;
    '--tags')
        return
        ;;
    '--timeout')
        return
        ;;
    '--poll-interval')
        return
        ;;
    esac
}

_msk-esm_get() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --version -h --help)
    repeating_options=(--region)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --generate-cli-skeleton --uuid)
    __msk-esm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--generate-cli-skeleton')
        __msk-esm_add_completions -W 'input'$'\n''output'$'\n''yaml-input'
        return
        ;;
    '--uuid')
        return
        ;;
    esac
}

_msk-esm_list() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --version -h --help)
    repeating_options=(--region)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --generate-cli-skeleton --function --cluster)
    __msk-esm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--generate-cli-skeleton')
        __msk-esm_add_completions -W 'input'$'\n''output'$'\n''yaml-input'
        return
        ;;
    '--function')
        return
        ;;
    '--cluster')
        return
        ;;
    esac
}

_msk-esm_delete() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --yes --wait --version -h --help)
    repeating_options=(--region)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --generate-cli-skeleton --uuid --timeout --poll-interval)
    __msk-esm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--generate-cli-skeleton')
        __msk-esm_add_completions -W 'input'$'\n''output'$'\n''yaml-input'
        return
        ;;
    '--uuid')
        return
        ;;
    '--timeout')
        return
        ;;
    '--poll-interval')
        return
        ;;
    esac
}

_msk-esm_enable() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --wait --version -h --help)
    repeating_options=(--region)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --uuid --timeout --poll-interval)
    __msk-esm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--uuid')
        return
        ;;
    '--timeout')
        return
        ;;
    '--poll-interval')
        return
        ;;
    esac
}

_msk-esm_disable() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --wait --version -h --help)
    repeating_options=(--region)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --uuid --timeout --poll-interval)
    __msk-esm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--uuid')
        return
        ;;
    '--timeout')
        return
        ;;
    '--poll-interval')
        return
        ;;
    esac
}

_msk-esm_wait() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --version -h --help)
    repeating_options=(--region)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --uuid --for --timeout --poll-interval)
    __msk-esm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--uuid')
        return
        ;;
    '--for')
        __msk-esm_add_completions -W 'enabled'$'\n''disabled'$'\n''deleted'
        return
        ;;
    '--timeout')
        return
        ;;
    '--poll-interval')
        return
        ;;
    esac
}

_msk-esm_secret() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __msk-esm_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    validate|fix)
        # Offer subcommand argument completions
        "_msk-esm_secret_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'validate fix' -- "${cur}"))
        ;;
    esac
}

_msk-esm_secret_validate() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --version -h --help)
    repeating_options=(--region)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --certificate --private-key --password-file --secret-id --type --for --trust-anchor --secret-name --cluster)
    __msk-esm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--certificate')
        return
        ;;
    '--private-key')
        return
        ;;
    '--password-file')
        return
        ;;
    '--secret-id')
        return
        ;;
    '--type')
        __msk-esm_add_completions -W 'mtls'$'\n''scram'$'\n''basic'$'\n''root-ca'$'\n''oauth'
        return
        ;;
    '--for')
        __msk-esm_add_completions -W 'msk'$'\n''self-managed'
        return
        ;;
    '--trust-anchor')
        return
        ;;
    '--secret-name')
        return
        ;;
    '--cluster')
        return
        ;;
    esac
}

_msk-esm_secret_fix() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --force --version -h --help)
    repeating_options=(--region)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --certificate --private-key --password-file --secret-id --type --for --write --scheme)
    __msk-esm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--certificate')
        return
        ;;
    '--private-key')
        return
        ;;
    '--password-file')
        return
        ;;
    '--secret-id')
        return
        ;;
    '--type')
        __msk-esm_add_completions -W 'mtls'$'\n''scram'$'\n''basic'$'\n''root-ca'$'\n''oauth'
        return
        ;;
    '--for')
        __msk-esm_add_completions -W 'msk'$'\n''self-managed'
        return
        ;;
    '--write')
        return
        ;;
    '--scheme')
        __msk-esm_add_completions -W 'PBE-SHA1-3DES'$'\n''PBE-MD5-DES'
        return
        ;;
    esac
}

_msk-esm_network() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __msk-esm_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    check)
        # Offer subcommand argument completions
        "_msk-esm_network_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'check' -- "${cur}"))
        ;;
    esac
}

_msk-esm_network_check() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --secret --provisioned --version -h --help)
    repeating_options=(--region --group-id --broker-group-id --subnet-id --port)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --snapshot --security-groups-json --subnets-json --route-tables-json --nat-gateways-json --vpc-endpoints-json --secret-id --on-failure --role-arn --function-arn --cluster --auth)
    __msk-esm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--snapshot')
        return
        ;;
    '--security-groups-json')
        return
        ;;
    '--subnets-json')
        return
        ;;
    '--route-tables-json')
        return
        ;;
    '--nat-gateways-json')
        return
        ;;
    '--vpc-endpoints-json')
        return
        ;;
    '--group-id')
        return
        ;;
    '--broker-group-id')
        return
        ;;
    '--subnet-id')
        return
        ;;
    '--port')
        return
        ;;
    '--secret-id')
        return
        ;;
    '--on-failure')
        return
        ;;
    '--role-arn')
        return
        ;;
    '--function-arn')
        return
        ;;
    '--cluster')
        return
        ;;
    '--auth')
        __msk-esm_add_completions -W 'mtls'$'\n''scram-512'$'\n''scram-256'$'\n''basic'$'\n''iam'$'\n''none'$'\n''oauthbearer'$'\n''iam-oauthbearer'
        return
        ;;
    esac
}

_msk-esm_policy() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __msk-esm_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    check)
        # Offer subcommand argument completions
        "_msk-esm_policy_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'check' -- "${cur}"))
        ;;
    esac
}

_msk-esm_policy_check() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --suggest --version -h --help)
    repeating_options=(--region --policy --action --resource --context --absent)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --snapshot --boundary --mapping --role)
    __msk-esm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--snapshot')
        return
        ;;
    '--policy')
        return
        ;;
    '--boundary')
        return
        ;;
    '--action')
        return
        ;;
    '--resource')
        return
        ;;
    '--context')
        return
        ;;
    '--absent')
        return
        ;;
    '--mapping')
        return
        ;;
    '--role')
        return
        ;;
    esac
}

_msk-esm_event() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __msk-esm_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    sample|decode)
        # Offer subcommand argument completions
        "_msk-esm_event_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'sample decode' -- "${cur}"))
        ;;
    esac
}

_msk-esm_event_sample() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --self-managed --version -h --help)
    repeating_options=(--region)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --topic --partitions --records --value-file)
    __msk-esm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--topic')
        return
        ;;
    '--partitions')
        return
        ;;
    '--records')
        return
        ;;
    '--value-file')
        return
        ;;
    esac
}

_msk-esm_event_decode() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --version -h --help)
    repeating_options=(--region)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --schema)
    __msk-esm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--schema')
        return
        ;;
    esac
}

_msk-esm_filter() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __msk-esm_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    test)
        # Offer subcommand argument completions
        "_msk-esm_filter_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'test' -- "${cur}"))
        ;;
    esac
}

_msk-esm_filter_test() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --version -h --help)
    repeating_options=(--region --pattern --pattern-file --value)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle --snapshot --mapping)
    __msk-esm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    '--pattern')
        return
        ;;
    '--pattern-file')
        return
        ;;
    '--value')
        return
        ;;
    '--snapshot')
        return
        ;;
    '--mapping')
        return
        ;;
    esac
}

_msk-esm_repl() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --version -h --help)
    repeating_options=(--region)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle)
    __msk-esm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    esac
}

_msk-esm_mcp() {
    repeating_flags=()
    non_repeating_flags=(--no-color --quiet --strict --debug --allow-writes --version -h --help)
    repeating_options=(--region)
    non_repeating_options=(--output --query --color --at --profile --endpoint-url --cli-connect-timeout --cli-read-timeout --ca-bundle)
    __msk-esm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output')
        __msk-esm_add_completions -W 'text'$'\n''json'$'\n''jsonl'$'\n''table'$'\n''report-json'$'\n''sarif'$'\n''github'$'\n''markdown'
        return
        ;;
    '--query')
        return
        ;;
    '--color')
        __msk-esm_add_completions -W 'on'$'\n''off'$'\n''auto'
        return
        ;;
    '--at')
        return
        ;;
    '--profile')
        return
        ;;
    '--region')
        return
        ;;
    '--endpoint-url')
        return
        ;;
    '--cli-connect-timeout')
        return
        ;;
    '--cli-read-timeout')
        return
        ;;
    '--ca-bundle')
        return
        ;;
    esac
}

_msk-esm_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __msk-esm_offer_flags_options -1
}

complete -o filenames -F _msk-esm msk-esm