//! End-to-end, with real faults: s3img killed or interrupted mid-upload, squid killed and
//! started again, the S3 server restarted, parts answered with 503 and 500. Every test
//! ends by comparing what arrived with the source, byte for byte and by `sha256sum`.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::*;

const MIB: usize = 1024 * 1024;

/// A 38 MiB image: eight parts of 5 MiB.
fn image(d: &std::path::Path) -> (Vec<u8>, String) {
    let data = random_bytes(38 * MIB, 21);
    std::fs::write(d.join("disk.raw"), &data).unwrap();
    let sha = hash_file("sha256sum", &d.join("disk.raw"));
    (data, sha)
}

/// A server that takes its time over each part, so that an upload can be cut off midway,
/// and squid in front of it.
fn slow_puts(d: &std::path::Path) -> (S3Server, Proxy) {
    let s3 = S3Server::start(
        d,
        S3Options {
            part_delay_ms: 400,
            ..S3Options::default()
        },
    );
    let proxy = Proxy::start(ProxyKind::Squid, d, "pw", s3.service.port);
    (s3, proxy)
}

fn put_cmd(d: &std::path::Path, s3: &S3Server, proxy: &Proxy) -> S3img {
    let mut cmd = S3img::through(d, &s3.endpoint(), proxy);
    cmd.env("S3IMG_PART_SIZE", "5MiB")
        .env("S3IMG_CONCURRENCY", "2");
    cmd
}

/// Waits until the journal records at least `parts` finished parts; returns their numbers.
fn journaled_parts(d: &std::path::Path, parts: usize) -> BTreeSet<u64> {
    let reached = wait_until(Duration::from_secs(60), || {
        journals(d).iter().any(|(_, lines)| lines.len() >= parts)
    });
    assert!(reached, "the journal never recorded {parts} parts");
    journals(d)
        .into_iter()
        .flat_map(|(_, lines)| lines)
        .map(|l| l["part"].as_u64().unwrap())
        .collect()
}

/// Starts `put disk.raw`, kills it with SIGKILL once `parts` parts are journaled, and
/// returns the journaled part numbers.
fn killed_put(d: &std::path::Path, s3: &S3Server, proxy: &Proxy, parts: usize) -> BTreeSet<u64> {
    let run = put_cmd(d, s3, proxy).spawn(&["put", "disk.raw"]);
    let done = journaled_parts(d, parts);
    run.signal("KILL");
    let killed = run.wait();
    assert_ne!(killed.code(), 0);
    done
}

fn assert_arrived(s3: &S3Server, data: &[u8], sha: &str, d: &std::path::Path) {
    assert!(
        s3.object("disk.raw").as_deref() == Some(data),
        "the stored object differs from the source"
    );
    let ls = S3img::against(d, &s3.loopback_endpoint()).run(&["ls", "-l", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(ls.ok().trim()).unwrap();
    assert_eq!(listed["hash"], sha, "stored hash");
    assert!(journals(d).is_empty(), "the journal outlived the upload");
}

#[test]
fn a_killed_put_resumes_without_resending_finished_parts() {
    let dir = scratch();
    let d = dir.path();
    let (data, sha) = image(d);
    let (s3, proxy) = slow_puts(d);

    let done = killed_put(d, &s3, &proxy, 3);
    assert_eq!(s3.object("disk.raw"), None, "no object before completion");

    let before = s3.requests().len();
    let again = put_cmd(d, &s3, &proxy).run(&["-v", "put", "disk.raw"]);
    again.ok();
    assert!(
        again.stderr().contains("resuming upload"),
        "{}",
        again.stderr()
    );
    let resent: BTreeSet<u64> = part_uploads(&s3, before).into_iter().collect();
    assert!(
        resent.is_disjoint(&done),
        "parts {done:?} were journaled, yet {resent:?} were sent again"
    );
    assert_arrived(&s3, &data, &sha, d);
    // Every part went through squid, in both runs.
    let log = proxy.log_with("uploadId");
    assert!(log.matches("partNumber=").count() >= 8, "{log}");
}

#[test]
fn an_interrupted_put_exits_130_and_says_how_to_resume() {
    let dir = scratch();
    let d = dir.path();
    let (data, sha) = image(d);
    let (s3, proxy) = slow_puts(d);

    let first = put_cmd(d, &s3, &proxy).spawn(&["put", "disk.raw", "s3://images/"]);
    journaled_parts(d, 2);
    first.signal("INT");
    let stopped = first.wait();
    let err = stopped.fails_with(130);
    assert!(
        err.contains("resume:") && err.contains("put disk.raw s3://images/"),
        "{err}"
    );
    let kept = journals(d);
    assert_eq!(kept.len(), 1, "the journal is kept");

    put_cmd(d, &s3, &proxy)
        .run(&["put", "disk.raw", "s3://images/"])
        .ok();
    assert_arrived(&s3, &data, &sha, d);
}

#[test]
fn a_file_changed_since_the_interruption_is_uploaded_from_the_start() {
    let dir = scratch();
    let d = dir.path();
    image(d);
    let (s3, proxy) = slow_puts(d);
    killed_put(d, &s3, &proxy, 2);

    let changed = random_bytes(38 * MIB, 22);
    std::fs::write(d.join("disk.raw"), &changed).unwrap();
    let sha = hash_file("sha256sum", &d.join("disk.raw"));
    let before = s3.requests().len();
    let again = put_cmd(d, &s3, &proxy).run(&["put", "disk.raw"]);
    let err = again.stderr();
    again.ok();
    assert!(err.contains("changed since then; starting over"), "{err}");
    assert_eq!(part_uploads(&s3, before).len(), 8, "every part sent again");
    assert_arrived(&s3, &changed, &sha, d);
}

#[test]
fn no_resume_starts_over() {
    let dir = scratch();
    let d = dir.path();
    let (data, sha) = image(d);
    let (s3, proxy) = slow_puts(d);
    killed_put(d, &s3, &proxy, 2);

    let before = s3.requests().len();
    put_cmd(d, &s3, &proxy)
        .run(&["put", "--no-resume", "disk.raw"])
        .ok();
    assert_eq!(part_uploads(&s3, before).len(), 8);
    assert_arrived(&s3, &data, &sha, d);
}

/// Rewrites the one resume journal under `d`: `header` edits its first line, `part` each
/// part line.
fn edit_journal(
    d: &std::path::Path,
    header: impl Fn(&mut serde_json::Value),
    part: impl Fn(&mut serde_json::Value),
) {
    let kept = journals(d);
    assert_eq!(kept.len(), 1, "one journal");
    let path = &kept[0].0;
    let text = read(path);
    let mut lines: Vec<serde_json::Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    header(&mut lines[0]);
    for line in &mut lines[1..] {
        part(line);
    }
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(path, text).unwrap();
}

/// A journal is s3img's own file, but a damaged one must not make it send parts S3 would
/// refuse or store a wrong hash.
#[test]
fn a_damaged_journal_is_not_trusted() {
    let dir = scratch();
    let d = dir.path();
    let (data, sha) = image(d);
    let (s3, proxy) = slow_puts(d);

    // A part size no plan would make: the upload starts over.
    killed_put(d, &s3, &proxy, 2);
    edit_journal(d, |header| header["part_size"] = 0.into(), |_| ());
    let before = s3.requests().len();
    let again = put_cmd(d, &s3, &proxy).run(&["put", "disk.raw"]);
    let err = again.stderr();
    again.ok();
    assert!(
        err.contains("part size of 0 bytes, which S3 would refuse; starting over"),
        "{err}"
    );
    assert_eq!(part_uploads(&s3, before).len(), 8, "every part sent again");
    assert_arrived(&s3, &data, &sha, d);

    // Every part line carries the hash state saved after part 1: only part 1's fits, so
    // the hash is carried on from there and the later parts are read again.
    S3img::against(d, &s3.loopback_endpoint())
        .run(&["delete", "disk.raw"])
        .ok();
    killed_put(d, &s3, &proxy, 3);
    let first_state = journals(d)[0]
        .1
        .iter()
        .find(|line| line["part"] == 1)
        .and_then(|line| line["hash_state"].as_str().map(str::to_owned))
        .expect("part 1 has a saved hash state");
    edit_journal(
        d,
        |_| (),
        |line| line["hash_state"] = first_state.clone().into(),
    );
    put_cmd(d, &s3, &proxy).run(&["put", "disk.raw"]).ok();
    assert_arrived(&s3, &data, &sha, d);
}

#[test]
fn parts_answered_with_503_and_500_are_sent_again() {
    let dir = scratch();
    let d = dir.path();
    let (data, sha) = image(d);
    let s3 = S3Server::start(
        d,
        S3Options {
            fail_every_nth_part: Some(3),
            ..S3Options::default()
        },
    );
    let proxy = Proxy::start(ProxyKind::Squid, d, "pw", s3.service.port);
    let run = put_cmd(d, &s3, &proxy).run(&["put", "disk.raw"]);
    run.ok();
    let sent = part_uploads(&s3, 0).len();
    assert!(sent > 8, "only {sent} part uploads: nothing was retried");
    assert_arrived(&s3, &data, &sha, d);
}

#[test]
fn squid_killed_mid_upload_and_started_again() {
    let dir = scratch();
    let d = dir.path();
    let (data, sha) = image(d);
    let (s3, mut proxy) = slow_puts(d);
    let mut cmd = put_cmd(d, &s3, &proxy);
    cmd.env("S3IMG_RETRIES", "6");
    let first = cmd.spawn(&["-v", "put", "disk.raw"]);
    let done = journaled_parts(d, 2);
    proxy.kill();
    std::thread::sleep(Duration::from_millis(1500));
    proxy.start_again();
    let run = first.wait();
    if run.code() != 0 {
        // Out of retries before squid was back: the same command finishes the job.
        assert!(run.stderr().contains("resume:"), "{}", run.stderr());
        let before = s3.requests().len();
        put_cmd(d, &s3, &proxy).run(&["put", "disk.raw"]).ok();
        let resent: BTreeSet<u64> = part_uploads(&s3, before).into_iter().collect();
        assert!(resent.is_disjoint(&done), "{resent:?} vs {done:?}");
    } else {
        assert!(run.stderr().contains("retry"), "{}", run.stderr());
    }
    assert_arrived(&s3, &data, &sha, d);
}

#[test]
fn the_s3_server_restarted_mid_upload() {
    let dir = scratch();
    let d = dir.path();
    let (data, sha) = image(d);
    let (mut s3, proxy) = slow_puts(d);
    let mut cmd = put_cmd(d, &s3, &proxy);
    cmd.env("S3IMG_RETRIES", "6");
    let first = cmd.spawn(&["put", "disk.raw"]);
    journaled_parts(d, 2);
    s3.restart();
    let run = first.wait();
    if run.code() != 0 {
        assert!(run.stderr().contains("resume:"), "{}", run.stderr());
        put_cmd(d, &s3, &proxy).run(&["put", "disk.raw"]).ok();
    }
    assert_arrived(&s3, &data, &sha, d);
}

/// A server whose GETs take 500 ms each, holding `disk.raw`, behind squid.
fn slow_gets(d: &std::path::Path) -> (S3Server, Proxy) {
    let s3 = S3Server::start(
        d,
        S3Options {
            get_delay_ms: 500,
            ..S3Options::default()
        },
    );
    let proxy = Proxy::start(ProxyKind::Squid, d, "pw", s3.service.port);
    put_cmd(d, &s3, &proxy).run(&["put", "disk.raw"]).ok();
    (s3, proxy)
}

/// Starts `get disk.raw out/`, interrupts it once part of the image is there, checks what
/// it kept, and returns how many bytes its record says were written.
fn interrupted_get(d: &std::path::Path, s3: &S3Server, proxy: &Proxy, size: usize) -> u64 {
    std::fs::create_dir(d.join("out")).unwrap();
    let record = d.join("out/.disk.raw.s3img.part.json");
    let partial = d.join("out/.disk.raw.s3img.part");

    let mut get = S3img::through(d, &s3.endpoint(), proxy);
    get.env("S3IMG_CONCURRENCY", "1");
    let first = get.spawn(&["get", "disk.raw", "out/"]);
    // 4 MiB ranges, two at a time, 500 ms each: a few seconds in, part of it is there.
    let grew = wait_until(Duration::from_secs(30), || {
        std::fs::metadata(&partial).is_ok_and(|m| m.len() >= 8 * MIB as u64)
    });
    assert!(grew, "the download never got going");
    first.signal("INT");
    let err = first.wait().fails_with(130);
    assert!(err.contains("resume:"), "{err}");
    assert!(
        !d.join("out/disk.raw").exists(),
        "a file under the destination name"
    );
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&record).unwrap()).unwrap();
    let kept = saved["written"].as_u64().unwrap();
    assert!(kept > 0 && kept < size as u64, "{saved}");
    kept
}

#[test]
fn an_interrupted_get_leaves_no_file_and_the_same_command_continues() {
    let dir = scratch();
    let d = dir.path();
    let (data, sha) = image(d);
    let (s3, proxy) = slow_gets(d);
    let kept = interrupted_get(d, &s3, &proxy, data.len());
    let record = d.join("out/.disk.raw.s3img.part.json");
    let partial = d.join("out/.disk.raw.s3img.part");

    let before = s3.requests().len();
    let again = S3img::through(d, &s3.endpoint(), &proxy).run(&["-v", "get", "disk.raw", "out/"]);
    let log = again.stderr();
    again.ok();
    assert!(
        log.contains(&format!(
            "resuming the download of s3://images/disk.raw at byte {kept}"
        )),
        "{log}"
    );
    // Only what was missing was asked for again.
    let fetched: Vec<String> = s3
        .requests()
        .into_iter()
        .skip(before)
        .filter(|r| r["method"] == "GET")
        .filter_map(|r| r["range"].as_str().map(str::to_owned))
        .collect();
    assert!(
        fetched.iter().all(|r| {
            let start: u64 = r
                .trim_start_matches("bytes=")
                .split('-')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            start >= kept
        }),
        "{fetched:?}"
    );
    assert_eq!(hash_file("sha256sum", &d.join("out/disk.raw")), sha);
    assert!(
        !record.exists() && !partial.exists(),
        "leftovers after success"
    );
}

/// A partial file cut short since the interruption no longer holds what its record says:
/// the download starts over instead of filling the gap with zeros that the saved hash
/// state would never see.
#[test]
fn a_partial_download_cut_short_since_starts_over() {
    let dir = scratch();
    let d = dir.path();
    let (data, sha) = image(d);
    let (s3, proxy) = slow_gets(d);
    let kept = interrupted_get(d, &s3, &proxy, data.len());
    let partial = std::fs::OpenOptions::new()
        .write(true)
        .open(d.join("out/.disk.raw.s3img.part"))
        .unwrap();
    partial.set_len(kept / 2).unwrap();
    drop(partial);

    let again = S3img::through(d, &s3.endpoint(), &proxy).run(&["-v", "get", "disk.raw", "out/"]);
    let log = again.stderr();
    again.ok();
    assert!(!log.contains("resuming the download"), "{log}");
    assert!(log.contains("does not fit"), "{log}");
    assert_eq!(hash_file("sha256sum", &d.join("out/disk.raw")), sha);
}

#[test]
fn abandoned_uploads_are_listed_and_aborted() {
    let dir = scratch();
    let d = dir.path();
    image(d);
    std::fs::copy(d.join("disk.raw"), d.join("other.raw")).unwrap();
    let (s3, proxy) = slow_puts(d);
    for (name, journaled) in [("disk.raw", 1), ("other.raw", 2)] {
        let run = put_cmd(d, &s3, &proxy).spawn(&["put", name, "s3://images/vm/"]);
        // Each journal holds its parts; wait for this upload's own.
        let reached = wait_until(Duration::from_secs(60), || {
            journals(d)
                .iter()
                .filter(|(_, parts)| !parts.is_empty())
                .count()
                >= journaled
        });
        assert!(reached);
        run.signal("KILL");
        run.wait();
    }

    let listed = S3img::through(d, &s3.endpoint(), &proxy).run(&["uploads", "--json"]);
    let uploads: Vec<serde_json::Value> = listed
        .ok()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(uploads.len(), 2, "{uploads:?}");
    for upload in &uploads {
        assert!(upload["parts"].as_u64().unwrap() >= 1, "{upload}");
        assert_eq!(
            upload["bytes"].as_u64().unwrap(),
            upload["parts"].as_u64().unwrap() * 5 * MIB as u64
        );
    }
    let human = S3img::through(d, &s3.endpoint(), &proxy).run(&["uploads", "s3://images/vm/"]);
    assert!(human.ok().contains("vm/other.raw"));

    // Neither way of choosing: a usage error, nothing aborted.
    let vague = S3img::through(d, &s3.endpoint(), &proxy).run(&["abort", "s3://images/"]);
    assert!(vague.fails_with(2).contains("--upload-id ID for one"));
    let young =
        S3img::through(d, &s3.endpoint(), &proxy).run(&["--json", "abort", "--older-than", "1h"]);
    assert_eq!(
        young.ok().trim(),
        "",
        "fresh uploads are not older than an hour"
    );

    let first = uploads[0]["upload_id"].as_str().unwrap();
    let key = uploads[0]["key"].as_str().unwrap();
    S3img::through(d, &s3.endpoint(), &proxy)
        .run(&["abort", &format!("s3://images/{key}"), "--upload-id", first])
        .ok();
    assert_eq!(journals(d).len(), 1, "the aborted upload's journal is gone");
    let dry = S3img::through(d, &s3.endpoint(), &proxy).run(&[
        "abort",
        "--older-than",
        "0s",
        "--dry-run",
    ]);
    assert!(dry.ok().contains("would abort"));
    S3img::through(d, &s3.endpoint(), &proxy)
        .run(&["abort", "--older-than", "0s"])
        .ok();
    let left = S3img::through(d, &s3.endpoint(), &proxy).run(&["uploads", "--json"]);
    assert_eq!(left.ok().trim(), "");
    let parts_on_disk = std::fs::read_dir(&s3.root)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".part-")
        })
        .count();
    assert_eq!(parts_on_disk, 0, "aborted parts are still stored");
}
