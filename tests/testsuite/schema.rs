//! `dossier schema`: the JSON Schemas of site.yaml and of each content
//! kind's front matter agree with the loader. Their keys are compared with
//! the keys the loader accepts (`dossier::load::front_matter_keys`,
//! `config_keys`) at every depth; every key has a description, every
//! closed list its values, ids and dates their patterns; and every content
//! file of the example site, of the fixtures and of `dossier init` and
//! `dossier new` validates against them with a real validator (the
//! jsonschema crate), while the mistakes the loader refuses do not.

use crate::fixtures::*;
use dossier::load::yaml::{Nest, Schema as Keys};
use dossier::load::Kind;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The schemas as `dossier schema --out` writes them, by file name.
fn written_schemas() -> (tempfile::TempDir, Vec<(String, Value)>) {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("schemas");
    dossier(&["schema", "--out", out.to_str().unwrap()]).expect_success();
    let mut schemas: Vec<(String, Value)> = fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let text = fs::read_to_string(e.path()).unwrap();
            (name, serde_json::from_str(&text).unwrap())
        })
        .collect();
    schemas.sort_by(|a, b| a.0.cmp(&b.0));
    (temp, schemas)
}

fn schema_of(schemas: &[(String, Value)], kind: Option<Kind>) -> &Value {
    let name = dossier::schema::file_name(kind);
    &schemas
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .1
}

/// The schemas of mappings at `value`: itself, or its branches.
fn objects(value: &Value) -> Vec<&Value> {
    let mut found = Vec::new();
    if value.get("properties").is_some() {
        found.push(value);
    }
    for branches in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(branches)) = value.get(branches) {
            found.extend(branches.iter().flat_map(objects));
        }
    }
    found
}

/// The item schemas of a list at `value`.
fn items(value: &Value) -> Vec<&Value> {
    let mut found: Vec<&Value> = value.get("items").into_iter().collect();
    for branches in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(branches)) = value.get(branches) {
            found.extend(branches.iter().flat_map(items));
        }
    }
    found
}

/// Compares the mapping schema at `value` with the loader's `keys`, and
/// descends into every mapping the loader checks; returns how many
/// mappings it compared.
fn compare(at: &str, value: &Value, keys: &Keys) -> usize {
    let found = objects(value);
    assert_eq!(found.len(), 1, "{at}: one mapping schema, found {found:?}");
    let object = found[0];
    let properties = object["properties"].as_object().unwrap();
    let schema_keys: BTreeSet<&str> = properties.keys().map(String::as_str).collect();
    let loader_keys: BTreeSet<&str> = keys.keys.iter().copied().collect();
    assert_eq!(
        schema_keys, loader_keys,
        "{at}: the schema's keys are the loader's"
    );
    assert_eq!(
        object["additionalProperties"],
        Value::Bool(false),
        "{at}: other keys are errors"
    );
    for (key, property) in properties {
        let description = property["description"].as_str().unwrap_or("");
        assert!(
            description.len() > 8 && !description.contains('\n'),
            "{at}.{key}: a description of one line, not {description:?}"
        );
    }
    let mut compared = 1;
    for (key, nest) in keys.nested {
        let child = &properties[*key];
        let at = format!("{at}.{key}");
        compared += match nest {
            Nest::Map(inner) => compare(&at, child, inner),
            Nest::ListOf(inner) => {
                let items = items(child);
                assert_eq!(items.len(), 1, "{at}: one item schema");
                compare(&format!("{at}[]"), items[0], inner)
            }
        };
    }
    compared
}

/// Every schema of a mapping with fixed keys anywhere in `value` (free
/// mappings, as an actor's `identifiers`, take any key: the loader has no
/// table for them).
fn count_objects(value: &Value) -> usize {
    let here = usize::from(
        value.get("properties").is_some_and(Value::is_object)
            && value.get("additionalProperties") == Some(&Value::Bool(false)),
    );
    here + match value {
        Value::Object(o) => o
            .iter()
            .filter(|(k, _)| *k != "enum")
            .map(|(_, v)| count_objects(v))
            .sum(),
        Value::Array(items) => items.iter().map(count_objects).sum(),
        _ => 0,
    }
}

#[test]
fn the_schemas_keys_are_the_loaders_at_every_depth() {
    let (_temp, schemas) = written_schemas();
    let names: Vec<&str> = schemas.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "actor.schema.json",
            "brief.schema.json",
            "claim.schema.json",
            "incident.schema.json",
            "measure.schema.json",
            "page.schema.json",
            "site.schema.json"
        ]
    );
    let mut tables: Vec<(String, Option<Kind>, &Keys)> =
        vec![("site.yaml".into(), None, dossier::load::config_keys())];
    for kind in Kind::ALL {
        tables.push((
            kind.folder().into(),
            Some(kind),
            dossier::load::front_matter_keys(kind),
        ));
    }
    for (name, kind, keys) in tables {
        let schema = schema_of(&schemas, kind);
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert!(jsonschema::meta::is_valid(schema), "{name}: a valid schema");
        let compared = compare(&name, schema, keys);
        // No mapping of the schema escaped the comparison.
        assert_eq!(
            compared,
            count_objects(schema),
            "{name}: every mapping compared"
        );
    }
    // A brief's inline claims take `id`, not a claim file's `sources`.
    let brief = schema_of(&schemas, Some(Kind::Brief));
    let inline = objects(items(&brief["properties"]["claims"])[0])[0];
    assert!(inline["properties"].get("id").is_some());
    assert!(inline["properties"].get("sources").is_none());
    let file = schema_of(&schemas, Some(Kind::Claim));
    assert!(file["properties"].get("id").is_none());
    assert!(file["properties"].get("sources").is_some());
}

/// The values of the `enum`s under `value`, as text.
fn enum_values(value: &Value) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    if let Some(Value::Array(values)) = value.get("enum") {
        found.extend(values.iter().map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }));
    }
    for branches in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(branches)) = value.get(branches) {
            found.extend(branches.iter().flat_map(enum_values));
        }
    }
    found
}

/// The `pattern`s under `value`.
fn patterns(value: &Value) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    if let Some(Value::String(p)) = value.get("pattern") {
        found.insert(p.clone());
    }
    for (_, child) in value.as_object().into_iter().flatten() {
        found.extend(patterns(child));
    }
    if let Value::Array(items) = value {
        found.extend(items.iter().flat_map(patterns));
    }
    found
}

#[test]
fn closed_lists_are_enums_and_ids_and_dates_have_patterns() {
    use dossier::model::*;
    let (_temp, schemas) = written_schemas();
    let claim = &schema_of(&schemas, Some(Kind::Claim))["properties"];
    let brief = &schema_of(&schemas, Some(Kind::Brief))["properties"];
    let actor = &schema_of(&schemas, Some(Kind::Actor))["properties"];
    fn all<T: Copy>(values: &[T], text: fn(T) -> &'static str) -> BTreeSet<String> {
        values.iter().map(|v| text(*v).to_string()).collect()
    }
    let judgement = objects(items(&brief["judgements"])[0])[0];
    let change = objects(items(&brief["changes"])[0])[0];
    let response = objects(items(&claim["responses"])[0])[0];
    let figure = objects(&claim["figure"])[0];
    let source = objects(items(&claim["sources"])[0])[0];
    let relation = objects(items(&actor["relations"])[0])[0];
    for (what, schema, expected) in [
        ("status", &claim["status"], all(Status::ALL, Status::as_str)),
        (
            "confidence",
            &claim["confidence"],
            all(Confidence::ALL, Confidence::as_str),
        ),
        (
            "stance",
            &response["properties"]["stance"],
            all(Stance::ALL, Stance::as_str),
        ),
        (
            "qualifier",
            &figure["properties"]["qualifier"],
            all(Qualifier::ALL, Qualifier::as_str),
        ),
        (
            "likelihood",
            &judgement["properties"]["likelihood"],
            all(Likelihood::ALL, Likelihood::as_str),
        ),
        (
            "change kind",
            &change["properties"]["kind"],
            all(ChangeKind::ALL, ChangeKind::as_str),
        ),
        (
            "actor kind",
            &actor["kind"],
            all(ActorKind::ALL, ActorKind::as_str),
        ),
        (
            "source type",
            &source["properties"]["type"],
            all(SourceType::ALL, SourceType::as_str),
        ),
        (
            "access",
            &source["properties"]["access"],
            all(Access::ALL, Access::as_str),
        ),
        (
            "relation type",
            &relation["properties"]["type"],
            all(RelationType::ALL, RelationType::as_str),
        ),
    ] {
        assert_eq!(enum_values(schema), expected, "{what}");
    }
    let credibility = serde_json::to_string(&claim["credibility"]).unwrap();
    assert!(
        credibility.contains("[1,2,3,4,5,6]")
            && credibility.contains(r#"["1","2","3","4","5","6"]"#),
        "1–6, as numbers and as text: {credibility}"
    );
    // `status: false` is a boolean to YAML, and a status to the loader.
    assert!(claim["status"].to_string().contains("\"false\",false"));
    assert!(enum_values(&actor["reliability"]).contains("B"));
    let id = dossier::schema::ID_PATTERN.to_string();
    for (what, schema) in [
        ("by", &claim["by"]),
        ("measure", &claim["measure"]),
        ("part_of", &actor["part_of"]),
        ("brief actors", &brief["actors"]),
        ("judgement claims", &judgement["properties"]["claims"]),
    ] {
        assert!(patterns(schema).contains(&id), "{what}: {schema}");
    }
    assert!(patterns(&brief["date"]).contains(dossier::schema::DATE_PATTERN));
    assert!(patterns(&claim["said"]).contains(dossier::schema::PARTIAL_DATE_PATTERN));
    assert!(patterns(&claim["when"]).contains(dossier::schema::MOMENT_PATTERN));
    assert!(
        patterns(&figure["properties"]["as_of"]).contains(dossier::schema::PARTIAL_DATE_PATTERN)
    );
}

/// The front matter of a content file (or all of site.yaml) as JSON, as a
/// YAML 1.2 reader such as the YAML language server reads it.
fn front_matter_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let yaml = if path.extension().is_some_and(|e| e == "md") {
        let rest = text.strip_prefix("---\n").expect("front matter");
        let end = rest.find("\n---\n").map_or(rest.len(), |i| i + 1);
        rest[..end].to_string()
    } else {
        text
    };
    let value: Value =
        serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if value.is_null() {
        Value::Object(Default::default())
    } else {
        value
    }
}

/// Every site.yaml and content file under `root` with its kind.
fn site_files(root: &Path) -> Vec<(PathBuf, Option<Kind>)> {
    let mut files = vec![(root.join("site.yaml"), None)];
    for kind in Kind::ALL {
        let dir = root.join("content").join(kind.folder());
        files.extend(
            files_under(&dir)
                .into_iter()
                .filter(|f| f.ends_with(".md"))
                .map(|f| (dir.join(f), Some(kind))),
        );
    }
    files
}

fn errors(schema: &Value, instance: &Value) -> Vec<String> {
    jsonschema::validator_for(schema)
        .unwrap()
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn every_file_of_the_example_site_fixtures_and_scaffolds_validates() {
    let (_temp, schemas) = written_schemas();
    let scaffolded = tempfile::tempdir().unwrap();
    let site = scaffolded.path().join("site");
    dossier(&["init", site.to_str().unwrap()]).expect_success();
    for kind in ["brief", "actor", "claim", "measure", "page"] {
        dossier(&[
            "new",
            kind,
            &format!("new-{kind}"),
            "--root",
            site.to_str().unwrap(),
        ])
        .expect_success();
    }
    let mut roots = vec![repository(), site];
    roots.extend(
        fs::read_dir(repository().join("tests/fixtures"))
            .unwrap()
            .flatten()
            .map(|e| e.path()),
    );
    let mut checked = 0;
    for root in roots {
        for (path, kind) in site_files(&root) {
            let instance = front_matter_json(&path);
            let errors = errors(schema_of(&schemas, kind), &instance);
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 50, "{checked} files");
}

#[test]
fn the_schemas_refuse_what_the_loader_refuses_and_take_what_it_takes() {
    let (_temp, schemas) = written_schemas();
    const CLAIM: &str = "content/claims/nis-killed-600.md";
    const ACTOR: &str = "content/actors/nis.md";
    const BRIEF: &str = "content/briefs/2025/first-brief.md";
    // (file, kind, text, replacement, the loader accepts it)
    let cases: &[(&str, Kind, &str, &str, bool)] = &[
        (
            CLAIM,
            Kind::Claim,
            "credibility: 3\n",
            "credibilty: 3\n",
            false,
        ),
        (
            CLAIM,
            Kind::Claim,
            "credibility: 3\n",
            "status: denied\n",
            false,
        ),
        (
            CLAIM,
            Kind::Claim,
            "credibility: 3\n",
            "credibility: 7\n",
            false,
        ),
        (
            CLAIM,
            Kind::Claim,
            "said: 2025-04-30\n",
            "said: 30 April 2025\n",
            false,
        ),
        (
            CLAIM,
            Kind::Claim,
            "by: nis\n",
            "by: National Intelligence Service\n",
            false,
        ),
        (
            CLAIM,
            Kind::Claim,
            "by: nis\n",
            "text: Twice.\nid: nis-twice\n",
            false,
        ),
        (
            CLAIM,
            Kind::Claim,
            "qualifier: about}",
            "qualifier: roughly}",
            false,
        ),
        (
            CLAIM,
            Kind::Claim,
            "    stance: denies\n",
            "    stance: denied\n",
            false,
        ),
        (
            ACTOR,
            Kind::Actor,
            "kind: agency\n",
            "kind: spy agency\n",
            false,
        ),
        (
            ACTOR,
            Kind::Actor,
            "aliases: [NIS]\n",
            "aliases: [{name: NIS, language: en}]\n",
            false,
        ),
        (
            BRIEF,
            Kind::Brief,
            "claims:\n",
            "claims:\n  - {id: x, txt: y, by: nis}\n",
            false,
        ),
        (ACTOR, Kind::Actor, "reliability: B\n", "relations: [{type: owner-of, to: kcna}]\n", false),
        (ACTOR, Kind::Actor, "reliability: B\n", "relations: [{type: owns, to: kcna, since: 2020}]\n", false),
        (CLAIM, Kind::Claim, "    publisher: nis\n", "    publisher: nis\n    type: press-release\n", false),
        (CLAIM, Kind::Claim, "    publisher: nis\n", "    publisher: nis\n    access: second-hand\n", false),
        // What the loader takes, written as YAML reads it.
        (
            CLAIM,
            Kind::Claim,
            "said: 2025-04-30\n",
            "said: 2025\n",
            true,
        ),
        (
            CLAIM,
            Kind::Claim,
            "credibility: 3\n",
            "credibility: '3'\nconfidence: high\n",
            true,
        ),
        (
            CLAIM,
            Kind::Claim,
            "by: nis\n",
            "by: [nis, kcna]\nwhen: {from: 2025-01, to: 2025-03}\n",
            true,
        ),
        (
            ACTOR,
            Kind::Actor,
            "aliases: [NIS]\n",
            "aliases: [NIS, {name: 국정원, lang: ko}, 1.10]\n",
            true,
        ),
        (
            ACTOR,
            Kind::Actor,
            "reliability: B\n",
            "reliability: b\n",
            true,
        ),
        (
            BRIEF,
            Kind::Brief,
            "claims:\n",
            "extra: {anything: [1, {a: b}]}\nclaims:\n",
            true,
        ),
        (ACTOR, Kind::Actor, "reliability: B\n", "relations: [{type: funds, to: kcna, from: 2020, until: 2024-06}]\nidentifiers: {imo: 9329760, IMO-registry: X-1}\n", true),
        (CLAIM, Kind::Claim, "    publisher: nis\n", "    publisher: nis\n    type: press-conference\n    access: indirect\n    archive: https://web.archive.org/web/2025/https://example.org/\n    retrieved: 2025-05\n    language: ko\n    translation: desk\n    anonymous: true\n", true),
    ];
    for (file, kind, from, to, accepted) in cases {
        let site = Site::from_fixture("small-site");
        site.replace(file, from, to);
        let loader = site.check(&[]).code == 0;
        let instance = front_matter_json(&site.path(file));
        let errors = errors(schema_of(&schemas, Some(*kind)), &instance);
        assert_eq!(loader, *accepted, "{file}: {to:?}: the loader");
        assert_eq!(
            errors.is_empty(),
            *accepted,
            "{file}: {to:?}: the schema says {errors:#?}"
        );
    }
}

#[test]
fn schema_writes_into_the_site_and_replaces_only_its_own_files() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("site");
    // Outside a site, without --out: refused, nothing written.
    fs::create_dir_all(&root).unwrap();
    let run = dossier(&["schema", "--root", root.to_str().unwrap()]);
    run.expect_code(2);
    assert!(run.stderr.contains("no site.yaml"), "{}", run.stderr);
    assert!(files_under(&root).is_empty());
    fs::remove_dir(&root).unwrap();
    dossier(&["init", root.to_str().unwrap()]).expect_success();
    let schemas = root.join("schemas");
    assert_eq!(files_under(&schemas).len(), 7);
    fs::write(schemas.join("brief.schema.json"), "stale").unwrap();
    fs::write(schemas.join("notes.txt"), "mine").unwrap();
    dossier(&["schema", "--root", root.to_str().unwrap()]).expect_success();
    let fresh: Value =
        serde_json::from_str(&fs::read_to_string(schemas.join("brief.schema.json")).unwrap())
            .unwrap();
    assert_eq!(fresh["title"], "dossier brief front matter");
    assert_eq!(
        fs::read_to_string(schemas.join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(files_under(&schemas).len(), 8, "no temporary file left");
    // A link at a schema's place is replaced, never written through.
    let elsewhere = temp.path().join("elsewhere.json");
    fs::write(&elsewhere, "theirs").unwrap();
    fs::remove_file(schemas.join("site.schema.json")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, schemas.join("site.schema.json")).unwrap();
    dossier(&["schema", "--root", root.to_str().unwrap()]).expect_success();
    assert_eq!(fs::read_to_string(&elsewhere).unwrap(), "theirs");
    assert!(!fs::symlink_metadata(schemas.join("site.schema.json"))
        .unwrap()
        .file_type()
        .is_symlink());
    // A linked schemas/ folder is refused, by `schema` and by `new`
    // (which writes the schema its file names when it is missing), and
    // nothing is written.
    fs::rename(&schemas, temp.path().join("real")).unwrap();
    fs::remove_file(temp.path().join("real/measure.schema.json")).unwrap();
    std::os::unix::fs::symlink(temp.path().join("real"), &schemas).unwrap();
    let before = snapshot(&temp.path().join("real"));
    let run = dossier(&["schema", "--root", root.to_str().unwrap()]);
    run.expect_code(2);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    let run = dossier(&[
        "new",
        "measure",
        "casualties",
        "--root",
        root.to_str().unwrap(),
    ]);
    run.expect_code(2);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert!(!root.join("content/measures/casualties.md").exists());
    assert_same_snapshot(
        &before,
        &snapshot(&temp.path().join("real")),
        "the linked folder",
    );
}

#[test]
fn init_and_new_name_the_schema_in_each_file() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("site");
    dossier(&["init", root.to_str().unwrap()]).expect_success();
    // A site made before schemas: `new` writes the one its file names.
    fs::remove_dir_all(root.join("schemas")).unwrap();
    dossier(&["new", "actor", "someone", "--root", root.to_str().unwrap()]).expect_success();
    assert_eq!(files_under(&root.join("schemas")), ["actor.schema.json"]);
    let site = fs::read_to_string(root.join("site.yaml")).unwrap();
    assert!(site.starts_with("# yaml-language-server: $schema=schemas/site.schema.json\n"));
    for file in [
        "content/briefs/first-brief.md",
        "content/actors/example-agency.md",
        "content/actors/someone.md",
        "content/claims/example-figure.md",
    ] {
        let text = fs::read_to_string(root.join(file)).unwrap();
        let kind = file.split('/').nth(1).unwrap().trim_end_matches('s');
        let modeline =
            format!("---\n# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n");
        assert!(text.starts_with(&modeline), "{file}: {text}");
        // The path leads to the schema, from the file's folder.
        let folder = root.join(file).parent().unwrap().to_path_buf();
        let target = folder.join(format!("../../schemas/{kind}.schema.json"));
        assert!(target.is_file() || kind != "actor", "{}", target.display());
    }
    dossier(&["build", "--root", root.to_str().unwrap()]).expect_success();
}
