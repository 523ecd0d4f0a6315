
use builtin;
use str;

set edit:completion:arg-completer[s3img] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 's3img'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'s3img'= {
            cand --config 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml'
            cand --profile 'Use this profile of the config file ([profiles.NAME]) over its top-level keys'
            cand --endpoint 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS'
            cand --region 'Region to sign requests for [default: us-east-1]'
            cand --bucket 'Bucket used when a location names only a key'
            cand --path-style 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]'
            cand --ca-bundle 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s'
            cand --retries 'How many times to retry a failed request before giving up [default: 3]'
            cand --proxy 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used'
            cand --proxy-host 'Host name or address of the HTTP proxy'
            cand --proxy-port 'Port of the HTTP proxy [default: 3128]'
            cand --proxy-user 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt'
            cand --no-proxy-for 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy'
            cand -q 'Print nothing but results and errors: no progress bars, no summary line'
            cand --quiet 'Print nothing but results and errors: no progress bars, no summary line'
            cand -v 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace'''
            cand --verbose 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace'''
            cand --json 'Print results as JSON, one document per result, for scripts'
            cand --no-proxy 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
            cand --proxy-password-stdin 'Read the proxy password from the first line of standard input'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand put 'Upload an image'
            cand get 'Download an image'
            cand delete 'Delete images'
            cand ls 'List images: key, size and last-modified time'
            cand generate 'Write shell completions and man pages into a directory (for packagers)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s3img;put'= {
            cand --config 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml'
            cand --profile 'Use this profile of the config file ([profiles.NAME]) over its top-level keys'
            cand --endpoint 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS'
            cand --region 'Region to sign requests for [default: us-east-1]'
            cand --bucket 'Bucket used when a location names only a key'
            cand --path-style 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]'
            cand --ca-bundle 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s'
            cand --retries 'How many times to retry a failed request before giving up [default: 3]'
            cand --proxy 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used'
            cand --proxy-host 'Host name or address of the HTTP proxy'
            cand --proxy-port 'Port of the HTTP proxy [default: 3128]'
            cand --proxy-user 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt'
            cand --no-proxy-for 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy'
            cand -f 'Replace the object if it exists'
            cand --force 'Replace the object if it exists'
            cand -q 'Print nothing but results and errors: no progress bars, no summary line'
            cand --quiet 'Print nothing but results and errors: no progress bars, no summary line'
            cand -v 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace'''
            cand --verbose 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace'''
            cand --json 'Print results as JSON, one document per result, for scripts'
            cand --no-proxy 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
            cand --proxy-password-stdin 'Read the proxy password from the first line of standard input'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'s3img;get'= {
            cand --config 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml'
            cand --profile 'Use this profile of the config file ([profiles.NAME]) over its top-level keys'
            cand --endpoint 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS'
            cand --region 'Region to sign requests for [default: us-east-1]'
            cand --bucket 'Bucket used when a location names only a key'
            cand --path-style 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]'
            cand --ca-bundle 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s'
            cand --retries 'How many times to retry a failed request before giving up [default: 3]'
            cand --proxy 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used'
            cand --proxy-host 'Host name or address of the HTTP proxy'
            cand --proxy-port 'Port of the HTTP proxy [default: 3128]'
            cand --proxy-user 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt'
            cand --no-proxy-for 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy'
            cand -f 'Replace the local file if it exists'
            cand --force 'Replace the local file if it exists'
            cand -q 'Print nothing but results and errors: no progress bars, no summary line'
            cand --quiet 'Print nothing but results and errors: no progress bars, no summary line'
            cand -v 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace'''
            cand --verbose 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace'''
            cand --json 'Print results as JSON, one document per result, for scripts'
            cand --no-proxy 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
            cand --proxy-password-stdin 'Read the proxy password from the first line of standard input'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'s3img;delete'= {
            cand --config 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml'
            cand --profile 'Use this profile of the config file ([profiles.NAME]) over its top-level keys'
            cand --endpoint 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS'
            cand --region 'Region to sign requests for [default: us-east-1]'
            cand --bucket 'Bucket used when a location names only a key'
            cand --path-style 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]'
            cand --ca-bundle 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s'
            cand --retries 'How many times to retry a failed request before giving up [default: 3]'
            cand --proxy 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used'
            cand --proxy-host 'Host name or address of the HTTP proxy'
            cand --proxy-port 'Port of the HTTP proxy [default: 3128]'
            cand --proxy-user 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt'
            cand --no-proxy-for 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy'
            cand --ignore-missing 'Succeed for objects that do not exist'
            cand -q 'Print nothing but results and errors: no progress bars, no summary line'
            cand --quiet 'Print nothing but results and errors: no progress bars, no summary line'
            cand -v 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace'''
            cand --verbose 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace'''
            cand --json 'Print results as JSON, one document per result, for scripts'
            cand --no-proxy 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
            cand --proxy-password-stdin 'Read the proxy password from the first line of standard input'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'s3img;ls'= {
            cand --config 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml'
            cand --profile 'Use this profile of the config file ([profiles.NAME]) over its top-level keys'
            cand --endpoint 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS'
            cand --region 'Region to sign requests for [default: us-east-1]'
            cand --bucket 'Bucket used when a location names only a key'
            cand --path-style 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]'
            cand --ca-bundle 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s'
            cand --retries 'How many times to retry a failed request before giving up [default: 3]'
            cand --proxy 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used'
            cand --proxy-host 'Host name or address of the HTTP proxy'
            cand --proxy-port 'Port of the HTTP proxy [default: 3128]'
            cand --proxy-user 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt'
            cand --no-proxy-for 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy'
            cand -q 'Print nothing but results and errors: no progress bars, no summary line'
            cand --quiet 'Print nothing but results and errors: no progress bars, no summary line'
            cand -v 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace'''
            cand --verbose 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace'''
            cand --json 'Print results as JSON, one document per result, for scripts'
            cand --no-proxy 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
            cand --proxy-password-stdin 'Read the proxy password from the first line of standard input'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'s3img;generate'= {
            cand --config 'Read this config file instead of $XDG_CONFIG_HOME/s3img/config.toml'
            cand --profile 'Use this profile of the config file ([profiles.NAME]) over its top-level keys'
            cand --endpoint 'URL of the S3 service, such as https://rgw.example.internal. Without it, AWS'
            cand --region 'Region to sign requests for [default: us-east-1]'
            cand --bucket 'Bucket used when a location names only a key'
            cand --path-style 'Address buckets as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT [default: true with --endpoint, false for AWS]'
            cand --ca-bundle 'PEM file of the certificate authorities to trust for the endpoint, instead of the system''s'
            cand --retries 'How many times to retry a failed request before giving up [default: 3]'
            cand --proxy 'Send requests through the HTTP proxy set by --proxy-host (implied by --proxy-host). With no s3img proxy setting at all, HTTPS_PROXY, HTTP_PROXY and NO_PROXY are used'
            cand --proxy-host 'Host name or address of the HTTP proxy'
            cand --proxy-port 'Port of the HTTP proxy [default: 3128]'
            cand --proxy-user 'User for the proxy''s Basic authentication. The password comes from S3IMG_PROXY_PASSWORD, proxy.password_file, --proxy-password-stdin, or a prompt'
            cand --no-proxy-for 'Comma-separated hosts, domains (.example.com) or networks that bypass the proxy'
            cand -q 'Print nothing but results and errors: no progress bars, no summary line'
            cand --quiet 'Print nothing but results and errors: no progress bars, no summary line'
            cand -v 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace'''
            cand --verbose 'Say more on stderr: -v logs each decision and retry, -vv adds the SDK''s own logs. S3IMG_LOG takes a full filter such as ''s3img=trace'''
            cand --json 'Print results as JSON, one document per result, for scripts'
            cand --no-proxy 'Connect directly: ignore every proxy setting, HTTPS_PROXY and HTTP_PROXY included'
            cand --proxy-password-stdin 'Read the proxy password from the first line of standard input'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'s3img;help'= {
            cand put 'Upload an image'
            cand get 'Download an image'
            cand delete 'Delete images'
            cand ls 'List images: key, size and last-modified time'
            cand generate 'Write shell completions and man pages into a directory (for packagers)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'s3img;help;put'= {
        }
        &'s3img;help;get'= {
        }
        &'s3img;help;delete'= {
        }
        &'s3img;help;ls'= {
        }
        &'s3img;help;generate'= {
        }
        &'s3img;help;help'= {
        }
    ]
    $completions[$command]
}
