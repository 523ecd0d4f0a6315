//! End-to-end: the whole-image hash is stored with every upload and checked on every
//! download; large objects travel as parallel parts and ranges; raw images come back
//! sparse. Hashes are compared with coreutils' own `sha256sum` and `sha512sum`.

mod common;

use std::os::unix::fs::MetadataExt;

use common::*;

const MIB: usize = 1024 * 1024;

fn json_line(run: &Run) -> serde_json::Value {
    serde_json::from_str(run.ok().trim()).expect("one JSON document")
}

#[test]
fn multipart_upload_stores_the_hash_and_ranged_get_verifies_it() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let proxy = Proxy::start(ProxyKind::Squid, d, "pw", s3.service.port);
    let image = random_bytes(23 * MIB + 5, 3);
    std::fs::write(d.join("big.raw"), &image).unwrap();
    let sha256 = hash_file("sha256sum", &d.join("big.raw"));

    let put = S3img::through(d, &s3.endpoint(), &proxy)
        .env("S3IMG_PART_SIZE", "5MiB")
        .run(&["--json", "put", "big.raw"]);
    let put = json_line(&put);
    assert_eq!(put["parts"], 5);
    assert_eq!(put["hash_algorithm"], "sha256");
    assert_eq!(put["hash"], sha256.as_str());
    assert_eq!(s3.object("big.raw").as_deref(), Some(&image[..]));
    // The hash went on by a copy onto itself, not by sending the image again.
    let requests = s3.requests();
    let part_puts = requests
        .iter()
        .filter(|r| r["method"] == "PUT" && r["query"].as_str().unwrap().contains("partNumber"))
        .count();
    assert_eq!(part_puts, 5, "each part sent once");
    assert!(
        requests
            .iter()
            .any(|r| r["metadata_directive"] == "REPLACE"),
        "no copy with replaced metadata"
    );

    let ls = S3img::through(d, &s3.endpoint(), &proxy).run(&["ls", "--long", "--json"]);
    let listed = json_line(&ls);
    assert_eq!(listed["hash"], sha256.as_str());
    assert_eq!(listed["hash_algorithm"], "sha256");
    let ls = S3img::through(d, &s3.endpoint(), &proxy).run(&["ls", "-l"]);
    assert!(ls.ok().contains(&format!("sha256:{sha256}  big.raw")));

    let get = S3img::through(d, &s3.endpoint(), &proxy)
        .env("S3IMG_CONCURRENCY", "3")
        .run(&["--json", "get", "big.raw", "back.raw"]);
    let got = json_line(&get);
    assert_eq!(got["verified"], true);
    assert_eq!(got["hash"], sha256.as_str());
    assert_eq!(hash_file("sha256sum", &d.join("back.raw")), sha256);

    // 23 MiB in 4 MiB ranges: six GETs, the later ones tied to the object's ETag.
    let gets: Vec<_> = s3
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "GET" && r["path"] == "/images/big.raw")
        .collect();
    assert_eq!(gets.len(), 6, "{gets:?}");
    assert!(gets.iter().all(|r| r["range"].is_string()));
    assert!(gets[1..].iter().all(|r| r["if_match"].is_string()));
    let log = proxy.log_with("big.raw");
    assert!(
        log.matches("GET").count() >= 6,
        "ranges not via squid:\n{log}"
    );
    // To standard output the same ranges arrive in order, and the hash is still checked.
    let piped = S3img::through(d, &s3.endpoint(), &proxy)
        .env("S3IMG_CONCURRENCY", "2")
        .run(&["get", "big.raw", "-"]);
    piped.ok();
    assert!(
        piped.output.stdout == image,
        "standard output differs from the image"
    );
}

#[test]
fn sha512_is_stored_when_asked_and_checked_on_download() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let image = random_bytes(2 * MIB + 3, 4);
    std::fs::write(d.join("small.img"), &image).unwrap();
    let sha512 = hash_file("sha512sum", &d.join("small.img"));

    let put =
        S3img::against(d, &s3.loopback_endpoint()).run(&["put", "--hash", "sha512", "small.img"]);
    assert_eq!(
        put.ok().trim(),
        format!("s3://images/small.img  sha512:{sha512}")
    );
    // Whatever the default, get checks the algorithm the object records.
    let get =
        S3img::against(d, &s3.loopback_endpoint()).run(&["--json", "get", "small.img", "back.img"]);
    let got = json_line(&get);
    assert_eq!(got["hash_algorithm"], "sha512");
    assert_eq!(got["verified"], true);
    assert_eq!(std::fs::read(d.join("back.img")).unwrap(), image);

    let bad =
        S3img::against(d, &s3.loopback_endpoint()).run(&["put", "--hash", "md5", "small.img"]);
    let err = bad.fails_with(2);
    assert!(
        err.contains("transfer.hash") && err.contains("sha256 or sha512"),
        "{err}"
    );
}

#[test]
fn a_corrupted_object_fails_the_download_and_leaves_no_file() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let proxy = Proxy::start(ProxyKind::Squid, d, "pw", s3.service.port);
    std::fs::write(d.join("disk.raw"), random_bytes(12 * MIB, 5)).unwrap();
    S3img::through(d, &s3.endpoint(), &proxy)
        .env("S3IMG_PART_SIZE", "5MiB")
        .run(&["put", "disk.raw"])
        .ok();
    s3.corrupt("disk.raw", 9 * MIB as u64 + 7);

    let get = S3img::through(d, &s3.endpoint(), &proxy).run(&["get", "disk.raw", "out.raw"]);
    let err = get.fails_with(10);
    assert!(err.contains("sha256 of the bytes received"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    let left: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("out.raw"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");

    // To standard output the bytes are gone already, but the exit code still says so.
    let piped = S3img::through(d, &s3.endpoint(), &proxy).run(&["get", "disk.raw", "-"]);
    piped.fails_with(10);
}

#[test]
fn objects_above_the_single_copy_limit_get_their_hash_by_multipart_copy() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let image = random_bytes(17 * MIB, 6);
    std::fs::write(d.join("big.raw"), &image).unwrap();
    let put = S3img::against(d, &s3.loopback_endpoint())
        .env("S3IMG_PART_SIZE", "5MiB")
        .env("S3IMG_TEST_SINGLE_COPY_LIMIT", (6 * MIB).to_string())
        .run(&["--json", "put", "big.raw"]);
    let put = json_line(&put);
    let copies = s3
        .requests()
        .into_iter()
        .filter(|r| r["method"] == "PUT" && r["query"].as_str().unwrap().contains("partNumber"))
        .count();
    // 4 parts of the upload, then 3 part copies of up to 6 MiB.
    assert_eq!(copies, 4 + 3);
    assert_eq!(s3.object("big.raw").as_deref(), Some(&image[..]));
    let ls = S3img::against(d, &s3.loopback_endpoint()).run(&["ls", "-l", "--json"]);
    assert_eq!(json_line(&ls)["hash"], put["hash"]);
}

#[test]
fn raw_images_come_back_sparse_unless_asked_not_to() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let raw = d.join("sparse.raw");
    let created = std::process::Command::new("qemu-img")
        .args(["create", "-f", "raw"])
        .arg(&raw)
        .arg("40M")
        .status()
        .unwrap();
    assert!(created.success());
    let data = random_bytes(MIB, 8);
    let file = std::fs::OpenOptions::new().write(true).open(&raw).unwrap();
    std::os::unix::fs::FileExt::write_all_at(&file, &data, 20 * MIB as u64).unwrap();
    drop(file);

    S3img::against(d, &s3.loopback_endpoint())
        .run(&["put", "sparse.raw"])
        .ok();
    S3img::against(d, &s3.loopback_endpoint())
        .run(&["get", "sparse.raw", "holes.raw"])
        .ok();
    S3img::against(d, &s3.loopback_endpoint())
        .run(&["get", "--no-sparse", "sparse.raw", "full.raw"])
        .ok();
    let source = std::fs::read(&raw).unwrap();
    for name in ["holes.raw", "full.raw"] {
        assert_eq!(std::fs::read(d.join(name)).unwrap(), source, "{name}");
    }
    let allocated = |name: &str| std::fs::metadata(d.join(name)).unwrap().blocks() * 512;
    assert!(
        allocated("holes.raw") <= 2 * MIB as u64,
        "{}",
        allocated("holes.raw")
    );
    assert!(
        allocated("full.raw") >= 40 * MIB as u64,
        "{}",
        allocated("full.raw")
    );
}

#[test]
fn standard_input_of_unknown_size_goes_up_in_parts_with_its_hash() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let image = random_bytes(11 * MIB + 1, 9);
    std::fs::write(d.join("src.raw"), &image).unwrap();
    let sha256 = hash_file("sha256sum", &d.join("src.raw"));

    let put = S3img::against(d, &s3.loopback_endpoint())
        .env("S3IMG_PART_SIZE", "5MiB")
        .run_with_input(&["--json", "put", "-", "piped.raw"], &image);
    let put = json_line(&put);
    assert_eq!(put["parts"], 3);
    assert_eq!(put["hash"], sha256.as_str());
    assert_eq!(s3.object("piped.raw").as_deref(), Some(&image[..]));

    let sized = S3img::against(d, &s3.loopback_endpoint())
        .env("S3IMG_PART_SIZE", "5MiB")
        .run_with_input(
            &[
                "--json",
                "put",
                "--expected-size",
                "11MiB",
                "-",
                "sized.raw",
            ],
            &image,
        );
    assert_eq!(json_line(&sized)["hash"], sha256.as_str());

    let misuse = S3img::against(d, &s3.loopback_endpoint()).run(&[
        "put",
        "--expected-size",
        "1GiB",
        "src.raw",
    ]);
    assert!(
        misuse
            .fails_with(2)
            .contains("--expected-size is for standard input")
    );
    let bad = S3img::against(d, &s3.loopback_endpoint())
        .run_with_input(&["put", "--expected-size", "lots", "-", "x.raw"], b"");
    assert!(bad.fails_with(2).contains("invalid --expected-size `lots`"));
}

#[test]
fn the_image_format_and_virtual_size_are_stored_with_each_image() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let raw = d.join("base.raw");
    std::fs::write(&raw, random_bytes(3 * MIB, 11)).unwrap();
    let grown = std::process::Command::new("qemu-img")
        .args(["resize", "-f", "raw"])
        .arg(&raw)
        .arg("64M")
        .status()
        .unwrap();
    assert!(grown.success());
    // Every format qemu-img writes that s3img recognises; vpc is qemu's name for VHD.
    for (qemu, expected, options) in [
        ("qcow2", "qcow2", ""),
        ("vmdk", "vmdk", ""),
        ("vhdx", "vhdx", ""),
        ("vpc", "vhd", "subformat=fixed"),
        ("vpc", "vhd", "subformat=dynamic"),
        ("raw", "raw", ""),
    ] {
        let name = format!("img-{qemu}-{}.{expected}", options.replace('=', "-"));
        let mut convert = std::process::Command::new("qemu-img");
        convert.args(["convert", "-f", "raw", "-O", qemu]);
        if !options.is_empty() {
            convert.args(["-o", options]);
        }
        let made = convert.arg(&raw).arg(d.join(&name)).status().unwrap();
        assert!(made.success(), "qemu-img convert -O {qemu} failed");
        let info = std::process::Command::new("qemu-img")
            .args(["info", "--output=json"])
            .arg(d.join(&name))
            .output()
            .unwrap();
        let info: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
        let virtual_size = info["virtual-size"].as_u64().unwrap();

        let put = S3img::against(d, &s3.loopback_endpoint()).run(&["--json", "put", &name]);
        let put = json_line(&put);
        assert_eq!(put["format"], expected, "{name}: {put}");
        let ls = S3img::against(d, &s3.loopback_endpoint()).run(&["ls", "--long", "--json", &name]);
        let listed = json_line(&ls);
        assert_eq!(listed["format"], expected, "{name}");
        let stored = listed["virtual_size"].as_u64();
        match expected {
            // VHD records a size rounded to its disk geometry, which qemu reports its own way.
            "vhd" => {
                let stored = stored.expect("a VHD footer records its size");
                assert!(stored >= 64 * MIB as u64 && stored.abs_diff(virtual_size) < MIB as u64);
            }
            // VHDX keeps its size in a metadata region s3img does not parse.
            "vhdx" => {}
            _ => assert_eq!(stored, Some(virtual_size), "{name}: {listed}"),
        }
    }
}

#[test]
fn several_files_go_up_in_one_put_each_with_its_result() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let proxy = Proxy::start(ProxyKind::Squid, d, "pw", s3.service.port);
    let names = ["a.raw", "b.raw", "c.raw"];
    for (seed, name) in names.iter().enumerate() {
        std::fs::write(d.join(name), random_bytes(6 * MIB + seed, seed as u64 + 30)).unwrap();
    }
    let put = S3img::through(d, &s3.endpoint(), &proxy)
        .env("S3IMG_PART_SIZE", "5MiB")
        .run(&[
            "--json",
            "put",
            "-j",
            "2",
            "a.raw",
            "b.raw",
            "c.raw",
            "s3://images/batch/",
        ]);
    let out = put.ok();
    let results: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), 3, "{out}");
    for name in names {
        let stored = s3.object(&format!("batch/{name}")).expect("uploaded");
        assert_eq!(stored, std::fs::read(d.join(name)).unwrap(), "{name}");
        let result = results.iter().find(|r| r["file"] == name).unwrap();
        assert_eq!(
            result["hash"],
            hash_file("sha256sum", &d.join(name)).as_str()
        );
    }
    let not_prefix = S3img::through(d, &s3.endpoint(), &proxy).run(&[
        "put",
        "a.raw",
        "b.raw",
        "s3://images/one-key",
    ]);
    assert!(not_prefix.fails_with(2).contains("DEST must be a prefix"));
    let with_stdin =
        S3img::through(d, &s3.endpoint(), &proxy).run(&["put", "a.raw", "-", "s3://images/x/"]);
    assert!(
        with_stdin
            .fails_with(2)
            .contains("only be uploaded on its own")
    );
    // One missing file: nothing is sent at all.
    let before = s3.requests().len();
    let missing = S3img::through(d, &s3.endpoint(), &proxy).run(&[
        "put",
        "a.raw",
        "nope.raw",
        "s3://images/y/",
    ]);
    assert!(missing.fails_with(2).contains("nope.raw"));
    assert_eq!(
        s3.requests().len(),
        before,
        "a request went out before every input was checked"
    );
}

#[test]
fn a_prefix_comes_down_into_a_directory() {
    let dir = scratch();
    let d = dir.path();
    let s3 = S3Server::start(d, S3Options::default());
    let images = [
        ("vm/a.raw", 1),
        ("vm/sub/b.raw", 2),
        ("vm/c.raw", 3),
        ("other.raw", 4),
    ];
    for (key, seed) in images {
        let local = d.join(key.replace('/', "_"));
        std::fs::write(&local, random_bytes(MIB + seed, seed as u64)).unwrap();
        S3img::against(d, &s3.loopback_endpoint())
            .run(&[
                "put",
                local.to_str().unwrap(),
                &format!("s3://images/{key}"),
            ])
            .ok();
    }
    std::fs::create_dir(d.join("down")).unwrap();
    let get = S3img::against(d, &s3.loopback_endpoint()).run(&[
        "--json",
        "get",
        "s3://images/vm/",
        "down/",
    ]);
    let out = get.ok();
    assert_eq!(out.lines().count(), 3, "{out}");
    for (key, _) in &images[..3] {
        let local = d.join(key.replace('/', "_"));
        let got = d.join("down").join(key.trim_start_matches("vm/"));
        assert_eq!(
            std::fs::read(got).unwrap(),
            std::fs::read(local).unwrap(),
            "{key}"
        );
    }
    assert!(!d.join("down/other.raw").exists());
    let again =
        S3img::against(d, &s3.loopback_endpoint()).run(&["get", "s3://images/vm/", "down/"]);
    again.fails_with(9);
    let not_dir = S3img::against(d, &s3.loopback_endpoint()).run(&["get", "s3://images/vm/", "-"]);
    assert!(
        not_dir
            .fails_with(2)
            .contains("must be an existing directory")
    );
}

#[test]
fn a_server_that_sends_less_than_it_announces_fails_the_get_and_leaves_no_file() {
    let dir = scratch();
    let d = dir.path();
    let image = random_bytes(3 * MIB, 50);
    std::fs::write(d.join("disk.raw"), &image).unwrap();
    // A server that cuts every body in half.
    let short = S3Server::holding(
        &d.join("store"),
        S3Options {
            short_gets: true,
            ..S3Options::default()
        },
        d,
        "disk.raw",
        "disk.raw",
    );
    let get = S3img::against(d, &short.loopback_endpoint())
        .env("S3IMG_RETRIES", "1")
        .run(&["get", "disk.raw", "back.raw"]);
    let err = get.fails_with(1);
    assert!(err.contains("s3://images/disk.raw"), "{err}");
    assert!(
        !d.join("back.raw").exists(),
        "a file under the destination name"
    );
}

/// A store (or cache) that ignores Range answers the first ranged GET with the whole
/// object: it is streamed to the file as it arrives, and the download is whole and checked.
#[test]
fn a_server_that_ignores_ranges_still_gives_a_whole_checked_file() {
    let dir = scratch();
    let d = dir.path();
    let image = random_bytes(9 * MIB + 123, 51);
    std::fs::write(d.join("disk.raw"), &image).unwrap();
    let whole = S3Server::holding(
        &d.join("store"),
        S3Options {
            ignore_ranges: true,
            ..S3Options::default()
        },
        d,
        "disk.raw",
        "disk.raw",
    );
    let before = whole.requests().len();
    let got =
        S3img::against(d, &whole.loopback_endpoint()).run(&["-v", "get", "disk.raw", "back.raw"]);
    got.ok();
    assert!(
        got.stderr().contains("the server ignored the range"),
        "{}",
        got.stderr()
    );
    assert_eq!(std::fs::read(d.join("back.raw")).unwrap(), image);
    let gets = whole.requests()[before..]
        .iter()
        .filter(|r| r["method"] == "GET")
        .count();
    assert_eq!(gets, 1, "one GET carried the whole object");
}
