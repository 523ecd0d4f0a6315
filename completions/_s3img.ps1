
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 's3img' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        's3img'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        's3img' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml')
            [CompletionResult]::new('--glance-config', '--glance-config', [CompletionResultType]::ParameterName, 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file ([profiles.NAME]) over its top-level keys')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to sign requests for [default: us-east-1]')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket used when a location names only a key')
            [CompletionResult]::new('--path-style', '--path-style', [CompletionResultType]::ParameterName, 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a failed request before giving up [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload''s last byte. Completing a multipart upload and copies wait as long as the server takes')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used')
            [CompletionResult]::new('--proxy-host', '--proxy-host', [CompletionResultType]::ParameterName, 'Host name or address of the HTTP proxy')
            [CompletionResult]::new('--proxy-port', '--proxy-port', [CompletionResultType]::ParameterName, 'Port of the HTTP proxy [default: 3128]')
            [CompletionResult]::new('--proxy-user', '--proxy-user', [CompletionResultType]::ParameterName, 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt')
            [CompletionResult]::new('--no-proxy-for', '--no-proxy-for', [CompletionResultType]::ParameterName, 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy')
            [CompletionResult]::new('--part-size', '--part-size', [CompletionResultType]::ParameterName, 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON, one document per result, for scripts')
            [CompletionResult]::new('--no-proxy', '--no-proxy', [CompletionResultType]::ParameterName, 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included')
            [CompletionResult]::new('--proxy-password-stdin', '--proxy-password-stdin', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Upload an image')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download an image')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete images')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List images: key, size and last-modified time')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show every setting''s effective value and where it came from (secrets hidden)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Walk the path to the bucket step by step and say which step fails and why')
            [CompletionResult]::new('uploads', 'uploads', [CompletionResultType]::ParameterValue, 'List incomplete multipart uploads: key, upload id, start, parts and bytes so far')
            [CompletionResult]::new('abort', 'abort', [CompletionResultType]::ParameterValue, 'Abort incomplete multipart uploads: one by its id, or all older than an age')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write shell completions and man pages into a directory (for packagers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's3img;put' {
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Files uploaded at once when several are given; each has its own progress bar')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Files uploaded at once when several are given; each has its own progress bar')
            [CompletionResult]::new('--expected-size', '--expected-size', [CompletionResultType]::ParameterName, 'Size of what standard input will carry, such as 200GiB, so that parts can be sized for it. Without it, parts start at the part size and double every 1,000 parts')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml')
            [CompletionResult]::new('--glance-config', '--glance-config', [CompletionResultType]::ParameterName, 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file ([profiles.NAME]) over its top-level keys')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to sign requests for [default: us-east-1]')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket used when a location names only a key')
            [CompletionResult]::new('--path-style', '--path-style', [CompletionResultType]::ParameterName, 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a failed request before giving up [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload''s last byte. Completing a multipart upload and copies wait as long as the server takes')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used')
            [CompletionResult]::new('--proxy-host', '--proxy-host', [CompletionResultType]::ParameterName, 'Host name or address of the HTTP proxy')
            [CompletionResult]::new('--proxy-port', '--proxy-port', [CompletionResultType]::ParameterName, 'Port of the HTTP proxy [default: 3128]')
            [CompletionResult]::new('--proxy-user', '--proxy-user', [CompletionResultType]::ParameterName, 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt')
            [CompletionResult]::new('--no-proxy-for', '--no-proxy-for', [CompletionResultType]::ParameterName, 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy')
            [CompletionResult]::new('--part-size', '--part-size', [CompletionResultType]::ParameterName, 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Replace the object if it exists')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the object if it exists')
            [CompletionResult]::new('--no-resume', '--no-resume', [CompletionResultType]::ParameterName, 'Start over instead of resuming an interrupted upload of the same file to the same place (the interrupted one is aborted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON, one document per result, for scripts')
            [CompletionResult]::new('--no-proxy', '--no-proxy', [CompletionResultType]::ParameterName, 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included')
            [CompletionResult]::new('--proxy-password-stdin', '--proxy-password-stdin', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        's3img;get' {
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Objects downloaded at once when SRC is a prefix')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Objects downloaded at once when SRC is a prefix')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml')
            [CompletionResult]::new('--glance-config', '--glance-config', [CompletionResultType]::ParameterName, 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file ([profiles.NAME]) over its top-level keys')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to sign requests for [default: us-east-1]')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket used when a location names only a key')
            [CompletionResult]::new('--path-style', '--path-style', [CompletionResultType]::ParameterName, 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a failed request before giving up [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload''s last byte. Completing a multipart upload and copies wait as long as the server takes')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used')
            [CompletionResult]::new('--proxy-host', '--proxy-host', [CompletionResultType]::ParameterName, 'Host name or address of the HTTP proxy')
            [CompletionResult]::new('--proxy-port', '--proxy-port', [CompletionResultType]::ParameterName, 'Port of the HTTP proxy [default: 3128]')
            [CompletionResult]::new('--proxy-user', '--proxy-user', [CompletionResultType]::ParameterName, 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt')
            [CompletionResult]::new('--no-proxy-for', '--no-proxy-for', [CompletionResultType]::ParameterName, 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy')
            [CompletionResult]::new('--part-size', '--part-size', [CompletionResultType]::ParameterName, 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Replace the local file if it exists')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the local file if it exists')
            [CompletionResult]::new('--no-resume', '--no-resume', [CompletionResultType]::ParameterName, 'Start over instead of continuing an interrupted download into the same file')
            [CompletionResult]::new('--no-sparse', '--no-sparse', [CompletionResultType]::ParameterName, 'Write every byte, zeros included. By default, runs of zero blocks in a file become holes, as qemu-img does, which saves space and time for raw images')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON, one document per result, for scripts')
            [CompletionResult]::new('--no-proxy', '--no-proxy', [CompletionResultType]::ParameterName, 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included')
            [CompletionResult]::new('--proxy-password-stdin', '--proxy-password-stdin', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        's3img;delete' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml')
            [CompletionResult]::new('--glance-config', '--glance-config', [CompletionResultType]::ParameterName, 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file ([profiles.NAME]) over its top-level keys')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to sign requests for [default: us-east-1]')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket used when a location names only a key')
            [CompletionResult]::new('--path-style', '--path-style', [CompletionResultType]::ParameterName, 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a failed request before giving up [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload''s last byte. Completing a multipart upload and copies wait as long as the server takes')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used')
            [CompletionResult]::new('--proxy-host', '--proxy-host', [CompletionResultType]::ParameterName, 'Host name or address of the HTTP proxy')
            [CompletionResult]::new('--proxy-port', '--proxy-port', [CompletionResultType]::ParameterName, 'Port of the HTTP proxy [default: 3128]')
            [CompletionResult]::new('--proxy-user', '--proxy-user', [CompletionResultType]::ParameterName, 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt')
            [CompletionResult]::new('--no-proxy-for', '--no-proxy-for', [CompletionResultType]::ParameterName, 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy')
            [CompletionResult]::new('--part-size', '--part-size', [CompletionResultType]::ParameterName, 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]')
            [CompletionResult]::new('--ignore-missing', '--ignore-missing', [CompletionResultType]::ParameterName, 'Succeed for objects that do not exist')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON, one document per result, for scripts')
            [CompletionResult]::new('--no-proxy', '--no-proxy', [CompletionResultType]::ParameterName, 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included')
            [CompletionResult]::new('--proxy-password-stdin', '--proxy-password-stdin', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        's3img;ls' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml')
            [CompletionResult]::new('--glance-config', '--glance-config', [CompletionResultType]::ParameterName, 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file ([profiles.NAME]) over its top-level keys')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to sign requests for [default: us-east-1]')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket used when a location names only a key')
            [CompletionResult]::new('--path-style', '--path-style', [CompletionResultType]::ParameterName, 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a failed request before giving up [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload''s last byte. Completing a multipart upload and copies wait as long as the server takes')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used')
            [CompletionResult]::new('--proxy-host', '--proxy-host', [CompletionResultType]::ParameterName, 'Host name or address of the HTTP proxy')
            [CompletionResult]::new('--proxy-port', '--proxy-port', [CompletionResultType]::ParameterName, 'Port of the HTTP proxy [default: 3128]')
            [CompletionResult]::new('--proxy-user', '--proxy-user', [CompletionResultType]::ParameterName, 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt')
            [CompletionResult]::new('--no-proxy-for', '--no-proxy-for', [CompletionResultType]::ParameterName, 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy')
            [CompletionResult]::new('--part-size', '--part-size', [CompletionResultType]::ParameterName, 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Also show the hash stored with each image (one HEAD request per object)')
            [CompletionResult]::new('--long', '--long', [CompletionResultType]::ParameterName, 'Also show the hash stored with each image (one HEAD request per object)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON, one document per result, for scripts')
            [CompletionResult]::new('--no-proxy', '--no-proxy', [CompletionResultType]::ParameterName, 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included')
            [CompletionResult]::new('--proxy-password-stdin', '--proxy-password-stdin', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        's3img;config' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml')
            [CompletionResult]::new('--glance-config', '--glance-config', [CompletionResultType]::ParameterName, 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file ([profiles.NAME]) over its top-level keys')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to sign requests for [default: us-east-1]')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket used when a location names only a key')
            [CompletionResult]::new('--path-style', '--path-style', [CompletionResultType]::ParameterName, 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a failed request before giving up [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload''s last byte. Completing a multipart upload and copies wait as long as the server takes')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used')
            [CompletionResult]::new('--proxy-host', '--proxy-host', [CompletionResultType]::ParameterName, 'Host name or address of the HTTP proxy')
            [CompletionResult]::new('--proxy-port', '--proxy-port', [CompletionResultType]::ParameterName, 'Port of the HTTP proxy [default: 3128]')
            [CompletionResult]::new('--proxy-user', '--proxy-user', [CompletionResultType]::ParameterName, 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt')
            [CompletionResult]::new('--no-proxy-for', '--no-proxy-for', [CompletionResultType]::ParameterName, 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy')
            [CompletionResult]::new('--part-size', '--part-size', [CompletionResultType]::ParameterName, 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON, one document per result, for scripts')
            [CompletionResult]::new('--no-proxy', '--no-proxy', [CompletionResultType]::ParameterName, 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included')
            [CompletionResult]::new('--proxy-password-stdin', '--proxy-password-stdin', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        's3img;check' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml')
            [CompletionResult]::new('--glance-config', '--glance-config', [CompletionResultType]::ParameterName, 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file ([profiles.NAME]) over its top-level keys')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to sign requests for [default: us-east-1]')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket used when a location names only a key')
            [CompletionResult]::new('--path-style', '--path-style', [CompletionResultType]::ParameterName, 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a failed request before giving up [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload''s last byte. Completing a multipart upload and copies wait as long as the server takes')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used')
            [CompletionResult]::new('--proxy-host', '--proxy-host', [CompletionResultType]::ParameterName, 'Host name or address of the HTTP proxy')
            [CompletionResult]::new('--proxy-port', '--proxy-port', [CompletionResultType]::ParameterName, 'Port of the HTTP proxy [default: 3128]')
            [CompletionResult]::new('--proxy-user', '--proxy-user', [CompletionResultType]::ParameterName, 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt')
            [CompletionResult]::new('--no-proxy-for', '--no-proxy-for', [CompletionResultType]::ParameterName, 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy')
            [CompletionResult]::new('--part-size', '--part-size', [CompletionResultType]::ParameterName, 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON, one document per result, for scripts')
            [CompletionResult]::new('--no-proxy', '--no-proxy', [CompletionResultType]::ParameterName, 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included')
            [CompletionResult]::new('--proxy-password-stdin', '--proxy-password-stdin', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        's3img;uploads' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml')
            [CompletionResult]::new('--glance-config', '--glance-config', [CompletionResultType]::ParameterName, 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file ([profiles.NAME]) over its top-level keys')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to sign requests for [default: us-east-1]')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket used when a location names only a key')
            [CompletionResult]::new('--path-style', '--path-style', [CompletionResultType]::ParameterName, 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a failed request before giving up [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload''s last byte. Completing a multipart upload and copies wait as long as the server takes')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used')
            [CompletionResult]::new('--proxy-host', '--proxy-host', [CompletionResultType]::ParameterName, 'Host name or address of the HTTP proxy')
            [CompletionResult]::new('--proxy-port', '--proxy-port', [CompletionResultType]::ParameterName, 'Port of the HTTP proxy [default: 3128]')
            [CompletionResult]::new('--proxy-user', '--proxy-user', [CompletionResultType]::ParameterName, 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt')
            [CompletionResult]::new('--no-proxy-for', '--no-proxy-for', [CompletionResultType]::ParameterName, 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy')
            [CompletionResult]::new('--part-size', '--part-size', [CompletionResultType]::ParameterName, 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON, one document per result, for scripts')
            [CompletionResult]::new('--no-proxy', '--no-proxy', [CompletionResultType]::ParameterName, 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included')
            [CompletionResult]::new('--proxy-password-stdin', '--proxy-password-stdin', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        's3img;abort' {
            [CompletionResult]::new('--upload-id', '--upload-id', [CompletionResultType]::ParameterName, 'Abort this upload of the object TARGET')
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Abort every upload under TARGET started longer ago than AGE (such as 7d; 0s for all)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml')
            [CompletionResult]::new('--glance-config', '--glance-config', [CompletionResultType]::ParameterName, 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file ([profiles.NAME]) over its top-level keys')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to sign requests for [default: us-east-1]')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket used when a location names only a key')
            [CompletionResult]::new('--path-style', '--path-style', [CompletionResultType]::ParameterName, 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a failed request before giving up [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload''s last byte. Completing a multipart upload and copies wait as long as the server takes')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used')
            [CompletionResult]::new('--proxy-host', '--proxy-host', [CompletionResultType]::ParameterName, 'Host name or address of the HTTP proxy')
            [CompletionResult]::new('--proxy-port', '--proxy-port', [CompletionResultType]::ParameterName, 'Port of the HTTP proxy [default: 3128]')
            [CompletionResult]::new('--proxy-user', '--proxy-user', [CompletionResultType]::ParameterName, 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt')
            [CompletionResult]::new('--no-proxy-for', '--no-proxy-for', [CompletionResultType]::ParameterName, 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy')
            [CompletionResult]::new('--part-size', '--part-size', [CompletionResultType]::ParameterName, 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would be aborted, and abort nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON, one document per result, for scripts')
            [CompletionResult]::new('--no-proxy', '--no-proxy', [CompletionResultType]::ParameterName, 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included')
            [CompletionResult]::new('--proxy-password-stdin', '--proxy-password-stdin', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        's3img;generate' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml')
            [CompletionResult]::new('--glance-config', '--glance-config', [CompletionResultType]::ParameterName, 'Read the S3 options of a glance-api.conf ([glance_store] s3_store_*, proxy options included) as settings, above the config files and below variables')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file ([profiles.NAME]) over its top-level keys')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region to sign requests for [default: us-east-1]')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket used when a location names only a key')
            [CompletionResult]::new('--path-style', '--path-style', [CompletionResultType]::ParameterName, 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'How many times to retry a failed request before giving up [default: 3]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a request that makes no progress for this long (seconds, or with a unit: 90s, 5m), then retry it [default: 60s]: no answer, no byte of a download, no byte of an upload taken, or no answer that long after an upload''s last byte. Completing a multipart upload and copies wait as long as the server takes')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used')
            [CompletionResult]::new('--proxy-host', '--proxy-host', [CompletionResultType]::ParameterName, 'Host name or address of the HTTP proxy')
            [CompletionResult]::new('--proxy-port', '--proxy-port', [CompletionResultType]::ParameterName, 'Port of the HTTP proxy [default: 3128]')
            [CompletionResult]::new('--proxy-user', '--proxy-user', [CompletionResultType]::ParameterName, 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt')
            [CompletionResult]::new('--no-proxy-for', '--no-proxy-for', [CompletionResultType]::ParameterName, 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy')
            [CompletionResult]::new('--part-size', '--part-size', [CompletionResultType]::ParameterName, 'Bytes per part of a multipart upload, such as 64MiB (5MiB to 5GiB) [default: 16MiB]. Grown by itself when a file would need more than 10,000 parts')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Parts of an upload in flight at once, and twice as many 4 MiB ranges of a download (1 to 64) [default: 4]. An upload holds about this times the part size in memory')
            [CompletionResult]::new('--multipart-threshold', '--multipart-threshold', [CompletionResultType]::ParameterName, 'Files smaller than this go up in one request, held in memory (5MiB to 1GiB) [default: the part size]')
            [CompletionResult]::new('--hash', '--hash', [CompletionResultType]::ParameterName, 'Hash stored with uploaded images and checked on download when the object has none: sha256 or sha512 (what glance records) [default: sha256]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but results and errors: no progress bars, no summary line')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace''')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON, one document per result, for scripts')
            [CompletionResult]::new('--no-proxy', '--no-proxy', [CompletionResultType]::ParameterName, 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included')
            [CompletionResult]::new('--proxy-password-stdin', '--proxy-password-stdin', [CompletionResultType]::ParameterName, 'Read the proxy password from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        's3img;help' {
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Upload an image')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Download an image')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete images')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List images: key, size and last-modified time')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show every setting''s effective value and where it came from (secrets hidden)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Walk the path to the bucket step by step and say which step fails and why')
            [CompletionResult]::new('uploads', 'uploads', [CompletionResultType]::ParameterValue, 'List incomplete multipart uploads: key, upload id, start, parts and bytes so far')
            [CompletionResult]::new('abort', 'abort', [CompletionResultType]::ParameterValue, 'Abort incomplete multipart uploads: one by its id, or all older than an age')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write shell completions and man pages into a directory (for packagers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        's3img;help;put' {
            break
        }
        's3img;help;get' {
            break
        }
        's3img;help;delete' {
            break
        }
        's3img;help;ls' {
            break
        }
        's3img;help;config' {
            break
        }
        's3img;help;check' {
            break
        }
        's3img;help;uploads' {
            break
        }
        's3img;help;abort' {
            break
        }
        's3img;help;generate' {
            break
        }
        's3img;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
