//! The bindings' closed lists of names, generated from the core (`keynet::vocabulary`): the
//! string-literal unions of the Node header `bindings-node/dts-header.d.ts` (which napi-rs puts
//! at the top of `index.d.ts`) and the `Literal` types of the Python stub
//! `bindings-python/python/keynet/__init__.pyi`, each between generated markers.
//!
//! The test fails when a committed file differs from what the core gives — a finding code, an
//! occupation or an error kind added in Rust and not in a host's types — and names the command
//! that rewrites the blocks:
//!
//! ```sh
//! KEYNET_WRITE_VOCAB=1 cargo test -p keynet --test vocabularies
//! ```
//!
//! It also fails when a file spells a vocabulary out by hand outside its block (`'error' |
//! 'warning'` instead of `Severity`), so the generated names are the only copies.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use keynet::vocabulary::{Vocabulary, vocabularies};

const COMMAND: &str = "KEYNET_WRITE_VOCAB=1 cargo test -p keynet --test vocabularies";
const WIDTH: usize = 100;

/// A host language: its comment, its declaration of a vocabulary, and its own names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Host {
    TypeScript,
    Python,
}

impl Host {
    /// The declarations' file, from the repository's root.
    fn name(self) -> &'static str {
        match self {
            Host::TypeScript => "bindings-node/dts-header.d.ts",
            Host::Python => "bindings-python/python/keynet/__init__.pyi",
        }
    }

    fn file(self) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(self.name())
    }

    fn comment(self) -> &'static str {
        match self {
            Host::TypeScript => "//",
            Host::Python => "#",
        }
    }

    fn begin_marker(self) -> String {
        format!(
            "{} <generated: vocabularies — do not edit; regenerate with {COMMAND}>",
            self.comment()
        )
    }

    fn end_marker(self) -> String {
        format!("{} </generated>", self.comment())
    }

    /// The vocabulary as this host declares it: under the host's name, with the host's values.
    /// Most are the core's list as it is; the exceptions say why.
    fn adapt(self, v: &Vocabulary) -> Vocabulary {
        let mut v = v.clone();
        match (self, v.name) {
            // What a Node function throws: the façade's kinds, and `internal` for a Rust panic
            // that the binding caught (core/src/host.rs: each binding names that error itself).
            (Host::TypeScript, "ApiErrorKind") => {
                v.name = "KeynetErrorKind";
                v.doc = "`KeynetError.kind`: why the JSON façade refused an operation, or \
                         `internal` — a bug in keynet (a Rust panic caught at the boundary).";
                v.values.push("internal".to_owned());
            }
            // Python raises InputError (not an OperationError) for input that is no document,
            // and InternalError for a caught panic: OperationError.kind is the rest.
            (Host::Python, "ApiErrorKind") => {
                v.name = "OperationErrorKind";
                v.doc = "Why the façade refused an operation (`OperationError.kind`); input that \
                         is no document at all raises `InputError` instead.";
                v.values.retain(|k| k != "invalid_input");
            }
            // The stub's `Occupation` is a row of `occupations()` (a TypedDict).
            (Host::Python, "Occupation") => v.name = "OccupationCode",
            // Python's exceptions carry these as `.detail` (`.kind` is the OperationError's).
            (Host::Python, "LifecycleErrorKind") => {
                v.name = "LifecycleErrorDetail";
                v.doc = "`LifecycleError.detail`: which lifecycle rule refused the event \
                         (docs/domain.md §9).";
            }
            (Host::Python, "CsvWriteErrorKind") => {
                v.name = "CsvWriteErrorDetail";
                v.doc = "`CsvWriteError.detail`: why the file could not be written — \
                         `unencodable` (a character without a Shift_JIS form), `not_tabular` \
                         (a posting with inquiries or hires) or `io`.";
            }
            // Python users name encodings as Python's codecs do; the façade reads those too.
            (Host::Python, "CsvEncoding") => {
                v.doc = "A CSV file's encoding: `shift_jis` is read and written as Windows-31J, \
                         which `cp932`, `sjis` and `windows-31j` name too (decode its bytes with \
                         Python's `cp932` codec, not `shift_jis`); `utf8` (or `utf-8`) is \
                         written with a BOM.";
                v.values
                    .extend(keynet::csv::Encoding::ALIASES.map(|(alias, _)| alias.to_owned()));
            }
            _ => {}
        }
        v
    }

    fn quote(self, value: &str) -> String {
        match self {
            Host::TypeScript => format!("'{value}'"),
            Host::Python => format!("\"{value}\""),
        }
    }

    /// The values as this host writes them inline: `'a' | 'b'`, or `"a", "b"` inside `Literal[…]`.
    fn inline(self, values: &[String]) -> String {
        let quoted: Vec<String> = values.iter().map(|v| self.quote(v)).collect();
        match self {
            Host::TypeScript => quoted.join(" | "),
            Host::Python => format!("Literal[{}]", quoted.join(", ")),
        }
    }

    fn render(self, v: &Vocabulary) -> String {
        let mut out = String::new();
        let quoted: Vec<String> = v.values.iter().map(|x| self.quote(x)).collect();
        match self {
            Host::TypeScript => {
                out.push_str(&doc_comment(v.doc, "/** ", " *  ", " */"));
                let one_line = format!("export type {} = {}", v.name, quoted.join(" | "));
                if one_line.chars().count() <= WIDTH {
                    out.push_str(&one_line);
                    out.push('\n');
                } else {
                    out.push_str(&format!("export type {} =\n", v.name));
                    let items: Vec<String> = quoted.iter().map(|q| format!("| {q}")).collect();
                    for line in pack(&items, "  ", " ", WIDTH) {
                        out.push_str(&line);
                        out.push('\n');
                    }
                }
            }
            Host::Python => {
                let one_line = format!("{} = Literal[{}]", v.name, quoted.join(", "));
                if one_line.chars().count() <= WIDTH {
                    out.push_str(&one_line);
                    out.push('\n');
                } else {
                    out.push_str(&format!("{} = Literal[\n", v.name));
                    let items: Vec<String> = quoted.iter().map(|q| format!("{q},")).collect();
                    for line in pack(&items, "    ", " ", WIDTH) {
                        out.push_str(&line);
                        out.push('\n');
                    }
                    out.push_str("]\n");
                }
                // reST literals in the stub's docstrings, as elsewhere in it.
                let doc = v.doc.replace('`', "``");
                out.push_str(&doc_comment(&doc, "\"\"\"", "", "\"\"\""));
            }
        }
        out
    }

    /// The whole generated block, markers included.
    fn block(self) -> String {
        let mut out = self.begin_marker();
        out.push('\n');
        for (i, v) in vocabularies().iter().enumerate() {
            if i > 0 && self == Host::Python {
                out.push('\n');
            }
            out.push_str(&self.render(&self.adapt(v)));
        }
        out.push_str(&self.end_marker());
        out.push('\n');
        out
    }
}

/// `items` on lines of at most `width` characters, each line starting with `indent`.
fn pack(items: &[String], indent: &str, separator: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for item in items {
        let fits = line.is_empty()
            || line.chars().count() + separator.len() + item.chars().count() <= width;
        if !fits {
            lines.push(std::mem::take(&mut line));
        }
        if line.is_empty() {
            line.push_str(indent);
        } else {
            line.push_str(separator);
        }
        line.push_str(item);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` wrapped at word boundaries: `first` opens it, `next` starts each further line,
/// `close` ends it.
fn doc_comment(text: &str, first: &str, next: &str, close: &str) -> String {
    let words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
    // Room for the opening or continuing characters and, on the last line, the closing ones.
    let room = WIDTH - first.chars().count().max(next.chars().count()) - close.chars().count();
    let mut lines = pack(&words, "", " ", room);
    if let Some(last) = lines.last_mut() {
        last.push_str(close);
    }
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(if i == 0 { first } else { next });
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The file with its generated block replaced by `block`, or why it cannot be.
fn with_block(text: &str, host: Host, block: &str) -> Result<String, String> {
    let begin_prefix = format!("{} <generated: vocabularies", host.comment());
    let begin = text
        .find(&begin_prefix)
        .filter(|&at| at == 0 || text[..at].ends_with('\n'))
        .ok_or_else(|| format!("no line starting with {begin_prefix:?}"))?;
    let end_marker = host.end_marker();
    let end = text[begin..]
        .find(&format!("\n{end_marker}\n"))
        .map(|at| begin + at + 1 + end_marker.len() + 1)
        .ok_or_else(|| format!("no {end_marker:?} line after the generated block's start"))?;
    Ok(format!("{}{block}{}", &text[..begin], &text[end..]))
}

/// The first line where two texts differ, for the failure message.
fn first_difference(old: &str, new: &str) -> String {
    let (mut old_lines, mut new_lines) = (old.lines(), new.lines());
    for n in 1.. {
        match (old_lines.next(), new_lines.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (None, None) => break,
            (a, b) => {
                return format!(
                    "line {n}:\n  committed: {}\n  generated: {}",
                    a.unwrap_or("(end of file)"),
                    b.unwrap_or("(end of file)")
                );
            }
        }
    }
    "(no line differs)".to_owned()
}

#[test]
fn the_host_declarations_hold_the_cores_vocabularies() {
    let write = std::env::var_os("KEYNET_WRITE_VOCAB").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for host in [Host::TypeScript, Host::Python] {
        let path = host.file();
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", host.name()));
        let generated = with_block(&text, host, &host.block())
            .unwrap_or_else(|e| panic!("{}: {e}", host.name()));
        if generated == text {
            continue;
        }
        if write {
            // Written aside and renamed, so the other test never reads half a file.
            let aside = path.with_extension("generated.tmp");
            std::fs::write(&aside, &generated)
                .and_then(|()| std::fs::rename(&aside, &path))
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", host.name()));
            eprintln!("rewrote the generated vocabularies of {}", host.name());
        } else {
            stale.push(format!(
                "{} is stale; first difference at {}",
                host.name(),
                first_difference(&text, &generated)
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\n\nThe vocabularies of the host declarations differ from the core's \
         (keynet::vocabulary). Regenerate them with:\n\n    {COMMAND}\n",
        stale.join("\n")
    );
}

/// Outside its block, a file names a vocabulary by its type, never spells it out: a hand copy
/// would not follow the core.
#[test]
fn no_vocabulary_is_spelled_out_by_hand() {
    for host in [Host::TypeScript, Host::Python] {
        let text = std::fs::read_to_string(host.file()).unwrap();
        let outside = with_block(&text, host, "").unwrap();
        for v in vocabularies().iter().map(|v| host.adapt(v)) {
            let declaration = match host {
                Host::TypeScript => format!("export type {} ", v.name),
                Host::Python => format!("\n{} = ", v.name),
            };
            assert!(
                !outside.contains(&declaration),
                "{}: {} is declared by hand outside the generated block",
                host.name(),
                v.name
            );
            if v.values.len() < 2 {
                continue;
            }
            let spelled = host.inline(&v.values);
            for (at, _) in outside.match_indices(&spelled) {
                // A longer union that starts or ends with these names is another list.
                let before = &outside[..at];
                let after = &outside[at + spelled.len()..];
                let longer = match host {
                    Host::TypeScript => before.ends_with("| ") || after.starts_with(" |"),
                    Host::Python => false,
                };
                assert!(
                    longer,
                    "{}: {spelled} is spelled out by hand; write {} instead",
                    host.name(),
                    v.name
                );
            }
        }
    }
}

#[test]
fn rendering_wraps_long_unions_and_keeps_short_ones_on_one_line() {
    let short = Vocabulary {
        name: "Severity",
        doc: "How bad a finding is.",
        values: vec!["error".to_owned(), "warning".to_owned()],
    };
    assert_eq!(
        Host::TypeScript.render(&short),
        "/** How bad a finding is. */\nexport type Severity = 'error' | 'warning'\n"
    );
    assert_eq!(
        Host::Python.render(&short),
        "Severity = Literal[\"error\", \"warning\"]\n\"\"\"How bad a finding is.\"\"\"\n"
    );
    let long = Vocabulary {
        name: "Long",
        doc: "A list too long for one line, and a doc comment too long for one line as well: \
              both are wrapped.",
        values: (0..30).map(|i| format!("name_{i}")).collect(),
    };
    for host in [Host::TypeScript, Host::Python] {
        let rendered = host.render(&long);
        assert!(
            rendered.lines().all(|l| l.chars().count() <= WIDTH),
            "{rendered}"
        );
        for value in &long.values {
            assert!(rendered.contains(&host.quote(value)), "{rendered}");
        }
    }
}
