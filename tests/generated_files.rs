//! The committed completions and man pages must match what the binary generates, so a
//! change to a flag cannot ship with stale copies.

use std::path::Path;
use std::process::Command;

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn committed_completions_and_man_pages_are_fresh() {
    let tmp = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_s3img"))
        .arg("generate")
        .arg(tmp.path())
        .status()
        .unwrap();
    assert!(status.success());
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["completions", "man"] {
        let fresh = files(&tmp.path().join(sub));
        let committed = files(&repo.join(sub));
        let names = |f: &[(String, Vec<u8>)]| f.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(names(&committed), names(&fresh), "{sub}/ differs in files");
        for ((name, want), (_, have)) in fresh.iter().zip(&committed) {
            assert!(
                want == have,
                "{sub}/{name} is stale: run `cargo run -- generate .` and commit the result"
            );
        }
    }
    let page = String::from_utf8(std::fs::read(repo.join("man/s3img.1")).unwrap()).unwrap();
    assert!(page.contains("Exit codes:") && page.contains("proxy authentication failed"));
}
