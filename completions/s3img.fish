# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_s3img_global_optspecs
    string join \n q/quiet v/verbose json config= glance-config= profile= endpoint= region= bucket= path-style= ca-bundle= retries= timeout= proxy= no-proxy proxy-host= proxy-port= proxy-user= proxy-password-stdin no-proxy-for= part-size= concurrency= multipart-threshold= hash= h/help V/version
end

function __fish_s3img_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_s3img_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_s3img_using_subcommand
    set -l cmd (__fish_s3img_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c s3img -n "__fish_s3img_needs_command" -l config -d 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml' -r -F
complete -c s3img -n "__fish_s3img_needs_command" -l glance-config -d 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables' -r -F
complete -c s3img -n "__fish_s3img_needs_command" -l profile -d 'Use this profile of the config file ([profiles.NAME]) over its top-level keys' -r
complete -c s3img -n "__fish_s3img_needs_command" -l endpoint -d 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS' -r
complete -c s3img -n "__fish_s3img_needs_command" -l region -d 'Region to sign requests for [default: us-east-1]' -r
complete -c s3img -n "__fish_s3img_needs_command" -l bucket -d 'Bucket used when a location names only a key' -r
complete -c s3img -n "__fish_s3img_needs_command" -l path-style -d 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]' -r
complete -c s3img -n "__fish_s3img_needs_command" -l ca-bundle -d 'PEM file of the certificate authorities to trust for the endpoint, instead of the system\'s' -r -F
complete -c s3img -n "__fish_s3img_needs_command" -l retries -d 'How many times to retry a failed request before giving up [default: 3]' -r
complete -c s3img -n "__fish_s3img_needs_command" -l timeout -d 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload\'s last byte. Completing a multipart upload and copies wait as long as the server takes' -r
complete -c s3img -n "__fish_s3img_needs_command" -l proxy -d 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used' -r
complete -c s3img -n "__fish_s3img_needs_command" -l proxy-host -d 'Host name or address of the HTTP proxy' -r
complete -c s3img -n "__fish_s3img_needs_command" -l proxy-port -d 'Port of the HTTP proxy [default: 3128]' -r
complete -c s3img -n "__fish_s3img_needs_command" -l proxy-user -d 'User for the proxy\'s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt' -r
complete -c s3img -n "__fish_s3img_needs_command" -l no-proxy-for -d 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy' -r
complete -c s3img -n "__fish_s3img_needs_command" -l part-size -d 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts' -r
complete -c s3img -n "__fish_s3img_needs_command" -l concurrency -d 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory' -r
complete -c s3img -n "__fish_s3img_needs_command" -l multipart-threshold -d 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]' -r
complete -c s3img -n "__fish_s3img_needs_command" -l hash -d 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]' -r
complete -c s3img -n "__fish_s3img_needs_command" -s q -l quiet -d 'Print nothing but results and errors: no progress bars, no summary line'
complete -c s3img -n "__fish_s3img_needs_command" -s v -l verbose -d 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK\'s own logs. S3IMG_LOG takes a full filter such as \'s3img=trace\''
complete -c s3img -n "__fish_s3img_needs_command" -l json -d 'Print results as JSON, one document per result, for scripts'
complete -c s3img -n "__fish_s3img_needs_command" -l no-proxy -d 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
complete -c s3img -n "__fish_s3img_needs_command" -l proxy-password-stdin -d 'Read the proxy password from the first line of standard input'
complete -c s3img -n "__fish_s3img_needs_command" -s h -l help -d 'Print help'
complete -c s3img -n "__fish_s3img_needs_command" -s V -l version -d 'Print version'
complete -c s3img -n "__fish_s3img_needs_command" -f -a "put" -d 'Upload an image'
complete -c s3img -n "__fish_s3img_needs_command" -f -a "get" -d 'Download an image'
complete -c s3img -n "__fish_s3img_needs_command" -f -a "delete" -d 'Delete images'
complete -c s3img -n "__fish_s3img_needs_command" -f -a "ls" -d 'List images: key, size and last-modified time'
complete -c s3img -n "__fish_s3img_needs_command" -f -a "config" -d 'Show every setting\'s effective value and where it came from (secrets hidden)'
complete -c s3img -n "__fish_s3img_needs_command" -f -a "check" -d 'Walk the path to the bucket step by step and say which step fails and why'
complete -c s3img -n "__fish_s3img_needs_command" -f -a "uploads" -d 'List incomplete multipart uploads: key, upload id, start, parts and bytes so far'
complete -c s3img -n "__fish_s3img_needs_command" -f -a "abort" -d 'Abort incomplete multipart uploads: one by its id, or all older than an age'
complete -c s3img -n "__fish_s3img_needs_command" -f -a "generate" -d 'Write shell completions and man pages into a directory (for packagers)'
complete -c s3img -n "__fish_s3img_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c s3img -n "__fish_s3img_using_subcommand put" -s j -l jobs -d 'Files uploaded at once when several are given; each has its own progress bar' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l expected-size -d 'Size of what standard input will carry, such as 200GiB, so that parts can be sized for it. Without it, parts start at the part size and double every 1,000 parts' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l config -d 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand put" -l glance-config -d 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand put" -l profile -d 'Use this profile of the config file ([profiles.NAME]) over its top-level keys' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l endpoint -d 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l region -d 'Region to sign requests for [default: us-east-1]' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l bucket -d 'Bucket used when a location names only a key' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l path-style -d 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l ca-bundle -d 'PEM file of the certificate authorities to trust for the endpoint, instead of the system\'s' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand put" -l retries -d 'How many times to retry a failed request before giving up [default: 3]' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l timeout -d 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload\'s last byte. Completing a multipart upload and copies wait as long as the server takes' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l proxy -d 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l proxy-host -d 'Host name or address of the HTTP proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l proxy-port -d 'Port of the HTTP proxy [default: 3128]' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l proxy-user -d 'User for the proxy\'s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l no-proxy-for -d 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l part-size -d 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l concurrency -d 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l multipart-threshold -d 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -l hash -d 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]' -r
complete -c s3img -n "__fish_s3img_using_subcommand put" -s f -l force -d 'Replace the object if it exists'
complete -c s3img -n "__fish_s3img_using_subcommand put" -l no-resume -d 'Start over instead of resuming an interrupted upload of the same file to the same place (the interrupted one is aborted)'
complete -c s3img -n "__fish_s3img_using_subcommand put" -s q -l quiet -d 'Print nothing but results and errors: no progress bars, no summary line'
complete -c s3img -n "__fish_s3img_using_subcommand put" -s v -l verbose -d 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK\'s own logs. S3IMG_LOG takes a full filter such as \'s3img=trace\''
complete -c s3img -n "__fish_s3img_using_subcommand put" -l json -d 'Print results as JSON, one document per result, for scripts'
complete -c s3img -n "__fish_s3img_using_subcommand put" -l no-proxy -d 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
complete -c s3img -n "__fish_s3img_using_subcommand put" -l proxy-password-stdin -d 'Read the proxy password from the first line of standard input'
complete -c s3img -n "__fish_s3img_using_subcommand put" -s h -l help -d 'Print help'
complete -c s3img -n "__fish_s3img_using_subcommand put" -s V -l version -d 'Print version'
complete -c s3img -n "__fish_s3img_using_subcommand get" -s j -l jobs -d 'Objects downloaded at once when SRC is a prefix' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l config -d 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand get" -l glance-config -d 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand get" -l profile -d 'Use this profile of the config file ([profiles.NAME]) over its top-level keys' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l endpoint -d 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l region -d 'Region to sign requests for [default: us-east-1]' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l bucket -d 'Bucket used when a location names only a key' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l path-style -d 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l ca-bundle -d 'PEM file of the certificate authorities to trust for the endpoint, instead of the system\'s' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand get" -l retries -d 'How many times to retry a failed request before giving up [default: 3]' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l timeout -d 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload\'s last byte. Completing a multipart upload and copies wait as long as the server takes' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l proxy -d 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l proxy-host -d 'Host name or address of the HTTP proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l proxy-port -d 'Port of the HTTP proxy [default: 3128]' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l proxy-user -d 'User for the proxy\'s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l no-proxy-for -d 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l part-size -d 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l concurrency -d 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l multipart-threshold -d 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -l hash -d 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]' -r
complete -c s3img -n "__fish_s3img_using_subcommand get" -s f -l force -d 'Replace the local file if it exists'
complete -c s3img -n "__fish_s3img_using_subcommand get" -l no-resume -d 'Start over instead of continuing an interrupted download into the same file'
complete -c s3img -n "__fish_s3img_using_subcommand get" -l no-sparse -d 'Write every byte, zeros included. By default, runs of zero blocks in a file become holes, as qemu-img does, which saves space and time for raw images'
complete -c s3img -n "__fish_s3img_using_subcommand get" -s q -l quiet -d 'Print nothing but results and errors: no progress bars, no summary line'
complete -c s3img -n "__fish_s3img_using_subcommand get" -s v -l verbose -d 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK\'s own logs. S3IMG_LOG takes a full filter such as \'s3img=trace\''
complete -c s3img -n "__fish_s3img_using_subcommand get" -l json -d 'Print results as JSON, one document per result, for scripts'
complete -c s3img -n "__fish_s3img_using_subcommand get" -l no-proxy -d 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
complete -c s3img -n "__fish_s3img_using_subcommand get" -l proxy-password-stdin -d 'Read the proxy password from the first line of standard input'
complete -c s3img -n "__fish_s3img_using_subcommand get" -s h -l help -d 'Print help'
complete -c s3img -n "__fish_s3img_using_subcommand get" -s V -l version -d 'Print version'
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l config -d 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l glance-config -d 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l profile -d 'Use this profile of the config file ([profiles.NAME]) over its top-level keys' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l endpoint -d 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l region -d 'Region to sign requests for [default: us-east-1]' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l bucket -d 'Bucket used when a location names only a key' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l path-style -d 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l ca-bundle -d 'PEM file of the certificate authorities to trust for the endpoint, instead of the system\'s' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l retries -d 'How many times to retry a failed request before giving up [default: 3]' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l timeout -d 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload\'s last byte. Completing a multipart upload and copies wait as long as the server takes' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l proxy -d 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l proxy-host -d 'Host name or address of the HTTP proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l proxy-port -d 'Port of the HTTP proxy [default: 3128]' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l proxy-user -d 'User for the proxy\'s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l no-proxy-for -d 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l part-size -d 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l concurrency -d 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l multipart-threshold -d 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l hash -d 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]' -r
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l ignore-missing -d 'Succeed for objects that do not exist'
complete -c s3img -n "__fish_s3img_using_subcommand delete" -s q -l quiet -d 'Print nothing but results and errors: no progress bars, no summary line'
complete -c s3img -n "__fish_s3img_using_subcommand delete" -s v -l verbose -d 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK\'s own logs. S3IMG_LOG takes a full filter such as \'s3img=trace\''
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l json -d 'Print results as JSON, one document per result, for scripts'
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l no-proxy -d 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
complete -c s3img -n "__fish_s3img_using_subcommand delete" -l proxy-password-stdin -d 'Read the proxy password from the first line of standard input'
complete -c s3img -n "__fish_s3img_using_subcommand delete" -s h -l help -d 'Print help'
complete -c s3img -n "__fish_s3img_using_subcommand delete" -s V -l version -d 'Print version'
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l config -d 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l glance-config -d 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l profile -d 'Use this profile of the config file ([profiles.NAME]) over its top-level keys' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l endpoint -d 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l region -d 'Region to sign requests for [default: us-east-1]' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l bucket -d 'Bucket used when a location names only a key' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l path-style -d 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l ca-bundle -d 'PEM file of the certificate authorities to trust for the endpoint, instead of the system\'s' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l retries -d 'How many times to retry a failed request before giving up [default: 3]' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l timeout -d 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload\'s last byte. Completing a multipart upload and copies wait as long as the server takes' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l proxy -d 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l proxy-host -d 'Host name or address of the HTTP proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l proxy-port -d 'Port of the HTTP proxy [default: 3128]' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l proxy-user -d 'User for the proxy\'s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l no-proxy-for -d 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l part-size -d 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l concurrency -d 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l multipart-threshold -d 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l hash -d 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]' -r
complete -c s3img -n "__fish_s3img_using_subcommand ls" -s l -l long -d 'Also show the hash stored with each image (one HEAD request per object)'
complete -c s3img -n "__fish_s3img_using_subcommand ls" -s q -l quiet -d 'Print nothing but results and errors: no progress bars, no summary line'
complete -c s3img -n "__fish_s3img_using_subcommand ls" -s v -l verbose -d 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK\'s own logs. S3IMG_LOG takes a full filter such as \'s3img=trace\''
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l json -d 'Print results as JSON, one document per result, for scripts'
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l no-proxy -d 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
complete -c s3img -n "__fish_s3img_using_subcommand ls" -l proxy-password-stdin -d 'Read the proxy password from the first line of standard input'
complete -c s3img -n "__fish_s3img_using_subcommand ls" -s h -l help -d 'Print help'
complete -c s3img -n "__fish_s3img_using_subcommand ls" -s V -l version -d 'Print version'
complete -c s3img -n "__fish_s3img_using_subcommand config" -l config -d 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand config" -l glance-config -d 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand config" -l profile -d 'Use this profile of the config file ([profiles.NAME]) over its top-level keys' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -l endpoint -d 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -l region -d 'Region to sign requests for [default: us-east-1]' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -l bucket -d 'Bucket used when a location names only a key' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -l path-style -d 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -l ca-bundle -d 'PEM file of the certificate authorities to trust for the endpoint, instead of the system\'s' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand config" -l retries -d 'How many times to retry a failed request before giving up [default: 3]' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -l timeout -d 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload\'s last byte. Completing a multipart upload and copies wait as long as the server takes' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -l proxy -d 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -l proxy-host -d 'Host name or address of the HTTP proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -l proxy-port -d 'Port of the HTTP proxy [default: 3128]' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -l proxy-user -d 'User for the proxy\'s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -l no-proxy-for -d 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -l part-size -d 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -l concurrency -d 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -l multipart-threshold -d 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -l hash -d 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]' -r
complete -c s3img -n "__fish_s3img_using_subcommand config" -s q -l quiet -d 'Print nothing but results and errors: no progress bars, no summary line'
complete -c s3img -n "__fish_s3img_using_subcommand config" -s v -l verbose -d 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK\'s own logs. S3IMG_LOG takes a full filter such as \'s3img=trace\''
complete -c s3img -n "__fish_s3img_using_subcommand config" -l json -d 'Print results as JSON, one document per result, for scripts'
complete -c s3img -n "__fish_s3img_using_subcommand config" -l no-proxy -d 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
complete -c s3img -n "__fish_s3img_using_subcommand config" -l proxy-password-stdin -d 'Read the proxy password from the first line of standard input'
complete -c s3img -n "__fish_s3img_using_subcommand config" -s h -l help -d 'Print help'
complete -c s3img -n "__fish_s3img_using_subcommand config" -s V -l version -d 'Print version'
complete -c s3img -n "__fish_s3img_using_subcommand check" -l config -d 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand check" -l glance-config -d 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand check" -l profile -d 'Use this profile of the config file ([profiles.NAME]) over its top-level keys' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -l endpoint -d 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -l region -d 'Region to sign requests for [default: us-east-1]' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -l bucket -d 'Bucket used when a location names only a key' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -l path-style -d 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -l ca-bundle -d 'PEM file of the certificate authorities to trust for the endpoint, instead of the system\'s' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand check" -l retries -d 'How many times to retry a failed request before giving up [default: 3]' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -l timeout -d 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload\'s last byte. Completing a multipart upload and copies wait as long as the server takes' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -l proxy -d 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -l proxy-host -d 'Host name or address of the HTTP proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -l proxy-port -d 'Port of the HTTP proxy [default: 3128]' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -l proxy-user -d 'User for the proxy\'s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -l no-proxy-for -d 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -l part-size -d 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -l concurrency -d 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -l multipart-threshold -d 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -l hash -d 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]' -r
complete -c s3img -n "__fish_s3img_using_subcommand check" -s q -l quiet -d 'Print nothing but results and errors: no progress bars, no summary line'
complete -c s3img -n "__fish_s3img_using_subcommand check" -s v -l verbose -d 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK\'s own logs. S3IMG_LOG takes a full filter such as \'s3img=trace\''
complete -c s3img -n "__fish_s3img_using_subcommand check" -l json -d 'Print results as JSON, one document per result, for scripts'
complete -c s3img -n "__fish_s3img_using_subcommand check" -l no-proxy -d 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
complete -c s3img -n "__fish_s3img_using_subcommand check" -l proxy-password-stdin -d 'Read the proxy password from the first line of standard input'
complete -c s3img -n "__fish_s3img_using_subcommand check" -s h -l help -d 'Print help'
complete -c s3img -n "__fish_s3img_using_subcommand check" -s V -l version -d 'Print version'
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l config -d 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l glance-config -d 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l profile -d 'Use this profile of the config file ([profiles.NAME]) over its top-level keys' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l endpoint -d 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l region -d 'Region to sign requests for [default: us-east-1]' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l bucket -d 'Bucket used when a location names only a key' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l path-style -d 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l ca-bundle -d 'PEM file of the certificate authorities to trust for the endpoint, instead of the system\'s' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l retries -d 'How many times to retry a failed request before giving up [default: 3]' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l timeout -d 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload\'s last byte. Completing a multipart upload and copies wait as long as the server takes' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l proxy -d 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l proxy-host -d 'Host name or address of the HTTP proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l proxy-port -d 'Port of the HTTP proxy [default: 3128]' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l proxy-user -d 'User for the proxy\'s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l no-proxy-for -d 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l part-size -d 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l concurrency -d 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l multipart-threshold -d 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l hash -d 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]' -r
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -s q -l quiet -d 'Print nothing but results and errors: no progress bars, no summary line'
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -s v -l verbose -d 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK\'s own logs. S3IMG_LOG takes a full filter such as \'s3img=trace\''
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l json -d 'Print results as JSON, one document per result, for scripts'
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l no-proxy -d 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -l proxy-password-stdin -d 'Read the proxy password from the first line of standard input'
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -s h -l help -d 'Print help'
complete -c s3img -n "__fish_s3img_using_subcommand uploads" -s V -l version -d 'Print version'
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l upload-id -d 'Abort this upload of the object TARGET' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l older-than -d 'Abort every upload under TARGET started longer ago than AGE (such as 7d; 0s for all)' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l config -d 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l glance-config -d 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l profile -d 'Use this profile of the config file ([profiles.NAME]) over its top-level keys' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l endpoint -d 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l region -d 'Region to sign requests for [default: us-east-1]' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l bucket -d 'Bucket used when a location names only a key' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l path-style -d 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l ca-bundle -d 'PEM file of the certificate authorities to trust for the endpoint, instead of the system\'s' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l retries -d 'How many times to retry a failed request before giving up [default: 3]' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l timeout -d 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload\'s last byte. Completing a multipart upload and copies wait as long as the server takes' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l proxy -d 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l proxy-host -d 'Host name or address of the HTTP proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l proxy-port -d 'Port of the HTTP proxy [default: 3128]' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l proxy-user -d 'User for the proxy\'s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l no-proxy-for -d 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l part-size -d 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l concurrency -d 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l multipart-threshold -d 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l hash -d 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]' -r
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l dry-run -d 'Say what would be aborted, and abort nothing'
complete -c s3img -n "__fish_s3img_using_subcommand abort" -s q -l quiet -d 'Print nothing but results and errors: no progress bars, no summary line'
complete -c s3img -n "__fish_s3img_using_subcommand abort" -s v -l verbose -d 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK\'s own logs. S3IMG_LOG takes a full filter such as \'s3img=trace\''
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l json -d 'Print results as JSON, one document per result, for scripts'
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l no-proxy -d 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
complete -c s3img -n "__fish_s3img_using_subcommand abort" -l proxy-password-stdin -d 'Read the proxy password from the first line of standard input'
complete -c s3img -n "__fish_s3img_using_subcommand abort" -s h -l help -d 'Print help'
complete -c s3img -n "__fish_s3img_using_subcommand abort" -s V -l version -d 'Print version'
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l config -d 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l glance-config -d 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l profile -d 'Use this profile of the config file ([profiles.NAME]) over its top-level keys' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l endpoint -d 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l region -d 'Region to sign requests for [default: us-east-1]' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l bucket -d 'Bucket used when a location names only a key' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l path-style -d 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l ca-bundle -d 'PEM file of the certificate authorities to trust for the endpoint, instead of the system\'s' -r -F
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l retries -d 'How many times to retry a failed request before giving up [default: 3]' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l timeout -d 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload\'s last byte. Completing a multipart upload and copies wait as long as the server takes' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l proxy -d 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l proxy-host -d 'Host name or address of the HTTP proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l proxy-port -d 'Port of the HTTP proxy [default: 3128]' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l proxy-user -d 'User for the proxy\'s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l no-proxy-for -d 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l part-size -d 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l concurrency -d 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l multipart-threshold -d 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l hash -d 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]' -r
complete -c s3img -n "__fish_s3img_using_subcommand generate" -s q -l quiet -d 'Print nothing but results and errors: no progress bars, no summary line'
complete -c s3img -n "__fish_s3img_using_subcommand generate" -s v -l verbose -d 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK\'s own logs. S3IMG_LOG takes a full filter such as \'s3img=trace\''
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l json -d 'Print results as JSON, one document per result, for scripts'
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l no-proxy -d 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
complete -c s3img -n "__fish_s3img_using_subcommand generate" -l proxy-password-stdin -d 'Read the proxy password from the first line of standard input'
complete -c s3img -n "__fish_s3img_using_subcommand generate" -s h -l help -d 'Print help'
complete -c s3img -n "__fish_s3img_using_subcommand generate" -s V -l version -d 'Print version'
complete -c s3img -n "__fish_s3img_using_subcommand help; and not __fish_seen_subcommand_from put get delete ls config check uploads abort generate help" -f -a "put" -d 'Upload an image'
complete -c s3img -n "__fish_s3img_using_subcommand help; and not __fish_seen_subcommand_from put get delete ls config check uploads abort generate help" -f -a "get" -d 'Download an image'
complete -c s3img -n "__fish_s3img_using_subcommand help; and not __fish_seen_subcommand_from put get delete ls config check uploads abort generate help" -f -a "delete" -d 'Delete images'
complete -c s3img -n "__fish_s3img_using_subcommand help; and not __fish_seen_subcommand_from put get delete ls config check uploads abort generate help" -f -a "ls" -d 'List images: key, size and last-modified time'
complete -c s3img -n "__fish_s3img_using_subcommand help; and not __fish_seen_subcommand_from put get delete ls config check uploads abort generate help" -f -a "config" -d 'Show every setting\'s effective value and where it came from (secrets hidden)'
complete -c s3img -n "__fish_s3img_using_subcommand help; and not __fish_seen_subcommand_from put get delete ls config check uploads abort generate help" -f -a "check" -d 'Walk the path to the bucket step by step and say which step fails and why'
complete -c s3img -n "__fish_s3img_using_subcommand help; and not __fish_seen_subcommand_from put get delete ls config check uploads abort generate help" -f -a "uploads" -d 'List incomplete multipart uploads: key, upload id, start, parts and bytes so far'
complete -c s3img -n "__fish_s3img_using_subcommand help; and not __fish_seen_subcommand_from put get delete ls config check uploads abort generate help" -f -a "abort" -d 'Abort incomplete multipart uploads: one by its id, or all older than an age'
complete -c s3img -n "__fish_s3img_using_subcommand help; and not __fish_seen_subcommand_from put get delete ls config check uploads abort generate help" -f -a "generate" -d 'Write shell completions and man pages into a directory (for packagers)'
complete -c s3img -n "__fish_s3img_using_subcommand help; and not __fish_seen_subcommand_from put get delete ls config check uploads abort generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
