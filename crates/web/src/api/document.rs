//! The rules every operation of the OpenAPI document follows, applied once to the merged
//! document (`api::openapi_doc`) instead of being repeated — and forgotten — in each handler's
//! annotation:
//!
//! - **Errors** are declared once, as shared responses under `components/responses`, each an
//!   `application/problem+json` [`Problem`](crate::error::Problem). An error a handler lists
//!   (`(status = 404, body = Problem)`) becomes a reference to the shared response.
//! - **Status codes every operation of a shape can answer** are added: 401 to every operation
//!   that needs a token, 403 to those a role may be refused, 400 where a query or a body is read (malformed JSON, a wrong type, a
//!   value outside the documented range), 404 where the path names a record, 413 and 415 where a
//!   body is read.
//! - **Tags**: every operation carries its module's name (`WebModule::name`); the module's part
//!   describes the tag.
//! - **Links** for the stateful test phase: an operation answering 201 with a record's `id` is
//!   linked to every operation on the record's own path (`…/{id}`, `…/{id}/…`).

use serde_json::{Map, Value, json};

/// The shared error responses: status, component name, description.
pub const PROBLEMS: &[(u16, &str, &str)] = &[
    (
        400,
        "BadRequest",
        "The request is malformed: a body that is not JSON of the documented shape, or a query parameter of the wrong type or outside its documented range. `detail` says what.",
    ),
    (
        401,
        "Unauthorized",
        "No valid personal access token: send `Authorization: Bearer <token>` (create one under My account → Personal access tokens).",
    ),
    (403, "Forbidden", "The caller's role may not do this."),
    (
        404,
        "NotFound",
        "No such record, or one outside the caller's view: the API does not tell them apart.",
    ),
    (
        409,
        "Conflict",
        "The request conflicts with the stored state (a duplicate, or a step the process or the law forbids now); `detail` gives the reason.",
    ),
    (
        413,
        "ContentTooLarge",
        "The body is larger than the server accepts.",
    ),
    (
        415,
        "UnsupportedMediaType",
        "The body is not sent with the documented `Content-Type`.",
    ),
    (
        422,
        "UnprocessableContent",
        "A value was refused by a rule of the use case; `field` names it.",
    ),
    (503, "ServiceUnavailable", "The database cannot be reached."),
];

/// The media type of every error answer (RFC 9457).
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The shared response of `status`.
pub fn problem_ref(status: u16) -> Option<Value> {
    PROBLEMS
        .iter()
        .find(|(s, _, _)| *s == status)
        .map(|(_, name, _)| json!({ "$ref": format!("#/components/responses/{name}") }))
}

/// Operations no link leads to: an erasure is a POST that removes the record, which the
/// stateful test would read as a change and then expect the record to be there.
const NOT_LINKED: &[&str] = &["erase"];

/// Operations every role may call (its own account).
const NEVER_FORBIDDEN: &[&str] = &["me"];

const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

/// Applies the rules above to the whole document.
pub fn finish(doc: &mut Value) {
    let components = doc["components"]
        .as_object_mut()
        .expect("the document has components");
    let responses = components
        .entry("responses")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .expect("responses is an object");
    for (status, name, description) in PROBLEMS {
        let mut response = json!({
            "description": description,
            "content": { PROBLEM_JSON: { "schema": { "$ref": "#/components/schemas/Problem" } } },
        });
        if *status == 401 {
            response["headers"] = json!({
                "WWW-Authenticate": {
                    "description": "`Bearer realm=\"standort\"`",
                    "required": true,
                    "schema": { "type": "string" },
                }
            });
        }
        responses.insert((*name).to_owned(), response);
    }
    integer_ranges(doc);
    bytes_as_binary(doc);
    let schemas = doc["components"]["schemas"].clone();
    let paths = doc["paths"].as_object_mut().expect("paths");
    // (path, operationId) of every operation, for the links.
    let operations: Vec<(String, String)> = paths
        .iter()
        .flat_map(|(path, item)| {
            METHODS.iter().filter_map(move |m| {
                let id = item.get(*m)?["operationId"].as_str()?;
                Some((path.clone(), id.to_owned()))
            })
        })
        .collect();
    for (path, item) in paths.iter_mut() {
        for method in METHODS {
            if let Some(op) = item.get_mut(method) {
                errors(path, op);
                links(path, op, &operations, &schemas);
            }
        }
    }
}

/// Every error response a reference to the shared one; the status codes the operation's shape
/// implies added.
fn errors(path: &str, op: &mut Value) {
    let secured = !op["security"]
        .as_array()
        .is_some_and(|s| s.iter().any(|r| r.as_object().is_some_and(Map::is_empty)));
    let params = op["parameters"].as_array().cloned().unwrap_or_default();
    let reads_query = params.iter().any(|p| p["in"] == "query");
    let body = op["requestBody"]["content"].as_object().cloned();
    let json_body = body
        .as_ref()
        .is_some_and(|c| c.contains_key("application/json"));
    let mut implied = Vec::new();
    if secured {
        implied.push(401);
        // Permissions follow the role (`policy.rs`): nearly every operation is refused to some.
        if !NEVER_FORBIDDEN.contains(&op["operationId"].as_str().unwrap_or_default()) {
            implied.push(403);
        }
    }
    if reads_query || body.is_some() {
        implied.push(400);
    }
    if path.contains('{') {
        implied.push(404);
    }
    if body.is_some() {
        implied.push(413);
    }
    if json_body {
        implied.push(415);
        // Every JSON body is read into a use case's input, which checks it field by field.
        implied.push(422);
    }
    let responses = op["responses"]
        .as_object_mut()
        .expect("an operation has responses");
    for (status, response) in responses.iter_mut() {
        let code: u16 = status.parse().expect("numeric status codes");
        if code >= 400 {
            *response = problem_ref(code)
                .unwrap_or_else(|| panic!("{path}: no shared problem response for {code}"));
        }
    }
    for code in implied {
        responses
            .entry(code.to_string())
            .or_insert_with(|| problem_ref(code).expect("shared problem response"));
    }
    // Status codes in order, as a reader expects them.
    let mut sorted: Vec<(String, Value)> = std::mem::take(responses).into_iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    responses.extend(sorted);
}

/// The JSON pointer of the new record's id in a 201 answer: `/id`, or `/<field>/id` when the
/// answer wraps the record (a placement with its tracks).
fn id_pointer(response: &Value, schemas: &Value) -> Option<String> {
    let schema = resolve(&response["content"]["application/json"]["schema"], schemas)?;
    let props = schema["properties"].as_object()?;
    if props.contains_key("id") {
        return Some("/id".to_owned());
    }
    props.iter().find_map(|(name, prop)| {
        let inner = resolve(prop, schemas)?;
        inner["properties"].get("id").map(|_| format!("/{name}/id"))
    })
}

fn resolve<'a>(schema: &'a Value, schemas: &'a Value) -> Option<&'a Value> {
    match schema["$ref"].as_str() {
        Some(r) => schemas.get(r.strip_prefix("#/components/schemas/")?),
        None => (!schema.is_null()).then_some(schema),
    }
}

/// Links from an operation that creates a record (201 with its id) to every operation on the
/// record's path.
fn links(path: &str, op: &mut Value, operations: &[(String, String)], schemas: &Value) {
    let Some(created) = op["responses"].get_mut("201") else {
        return;
    };
    let Some(pointer) = id_pointer(created, schemas) else {
        return;
    };
    let prefix = format!("{path}/{{");
    let mut links = Map::new();
    for (target, operation_id) in operations
        .iter()
        .filter(|(p, id)| p.starts_with(&prefix) && !NOT_LINKED.contains(&id.as_str()))
    {
        let rest = &target[prefix.len()..];
        let Some((param, _)) = rest.split_once('}') else {
            continue;
        };
        let mut parameters = Map::new();
        parameters.insert(
            format!("path.{param}"),
            json!(format!("$response.body#{pointer}")),
        );
        // The path's own parameters (`{id}` of `/candidates/{id}/qualifications`) carry over.
        for own in path.split('/').filter_map(|s| s.strip_prefix('{')) {
            let own = own.trim_end_matches('}');
            parameters.insert(format!("path.{own}"), json!(format!("$request.path.{own}")));
        }
        links.insert(
            link_name(operation_id),
            json!({ "operationId": operation_id, "parameters": parameters }),
        );
    }
    if !links.is_empty() {
        created["links"] = Value::Object(links);
    }
}

/// A link's name: the target operation's id in CamelCase (`GetCandidate`).
fn link_name(operation_id: &str) -> String {
    operation_id
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// Every integer schema states the range its Rust type holds (`format: int64` → `i64`), unless
/// it states a narrower one: a number outside it cannot be read.
fn integer_ranges(value: &mut Value) {
    match value {
        Value::Object(fields) => {
            let (min, max) = match fields.get("format").and_then(Value::as_str) {
                Some("int64") => (json!(i64::MIN), json!(i64::MAX)),
                Some("int32") => (json!(i32::MIN), json!(i32::MAX)),
                Some("uint64") | Some("uint") => (json!(0), json!(i64::MAX)),
                Some("uint32") => (json!(0), json!(u32::MAX)),
                _ => (Value::Null, Value::Null),
            };
            if !min.is_null() {
                fields.entry("minimum").or_insert(min);
                fields.entry("maximum").or_insert(max);
            }
            fields.values_mut().for_each(integer_ranges);
        }
        Value::Array(items) => items.iter_mut().for_each(integer_ranges),
        _ => {}
    }
}

/// Bodies of other media types than JSON (uploads, downloads) are bytes: `Vec<u8>` reads as an
/// array of numbers to utoipa, but on the wire it is the raw content.
fn bytes_as_binary(doc: &mut Value) {
    let Some(paths) = doc["paths"].as_object_mut() else {
        return;
    };
    for item in paths.values_mut() {
        for method in METHODS {
            let Some(op) = item.get_mut(method) else {
                continue;
            };
            let binary = |content: &mut Value| {
                for (kind, body) in content.as_object_mut().into_iter().flatten() {
                    if !kind.contains("json") {
                        body["schema"] = json!({ "type": "string", "format": "binary" });
                    }
                }
            };
            if let Some(body) = op.get_mut("requestBody") {
                binary(&mut body["content"]);
            }
            for (_, response) in op["responses"].as_object_mut().into_iter().flatten() {
                if response.get("content").is_some() {
                    binary(&mut response["content"]);
                }
            }
        }
    }
}
