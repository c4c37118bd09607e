/**
 * A valid catalog whose text is made to break the docs: Mermaid syntax (`;`, `-->`, `%%`, `[*]`, `#35;`,
 * a `style …: #…;` line), HTML (`<b>`, `<script>`), quotes, pipes, newlines and wide characters in key
 * states, fixes and titles, links with and without URLs, and every handling group.
 */
import { expect } from "vitest";
import { checkCatalogText } from "../../generators/catalog/index.js";
import type { CatalogModel } from "../../generators/catalog/model.js";

export const HOSTILE_DOCS_YAML = `errcat: 1
service:
  name: evil
  title: 'Evil <script>alert(1)</script> & "co" | <b>API</b>'
  introduction: "Intro with <img src=x onerror=alert(1)> and [a link](javascript:alert(1))."
  wire:
    package: evil
    message: Error
    fields: [{ name: StatusCode, number: 1, type: int32 }, { name: ErrorCode, number: 2, type: string }, { name: ErrorMessage, number: 3, type: string }, { name: RequestId, number: 4, type: string }]
  proto: { package: evil.v1 }
statuses:
  - { httpStatus: 400, title: 'Bad <i>request</i>' }
  - { httpStatus: 401, title: Unauthorized }
  - { httpStatus: 409, title: 'Conflict; "state" --> x' }
  - { httpStatus: 413, title: Too large }
  - { httpStatus: 500, title: Internal }
  - { httpStatus: 501, title: Not implemented }
errors:
  - id: bad-thing
    number: 1
    httpStatus: 400
    code: Bad.Thing
    message: 'The <thing> is "bad" --\\> %% [*] ; #35;'
    placeholders:
      - { text: thing, name: thing, description: 'a <b>thing</b>', example: 'x;y' }
    meaning: 'Means <b>bold</b> & "quoted".'
    fix: 'See the FAQ, then read Contact us; javascript too, and Nowhere.'
    links:
      - { title: FAQ, url: 'https://example.com/faq?a=1&b=(2)' }
      - { title: Contact us }
      - { title: javascript, url: 'javascript:alert(1)' }
      - { title: 'Elsewhere <b>', url: 'https://example.com/else' }
      - { title: 'Not named anywhere' }
    fault: client
    retryable: false
  - id: auth-failed
    number: 2
    httpStatus: 401
    code: Auth_Failed
    message: Auth failed.
    meaning: m.
    fix: f.
    fault: client
    retryable: false
  - id: state-one
    number: 3
    httpStatus: 409
    code: Rejected.One
    message: One.
    keyState: '<b>State</b>;"x"|y %% z [*] --> #35; end'
    meaning: m.
    fix: "style a: #35; end\\n--> classDef b: #1; %% c"
    fault: client
    retryable: false
  - id: state-one-again
    number: 4
    httpStatus: 409
    code: Rejected.OneAgain
    message: One again.
    keyState: '<b>State</b>;"x"|y %% z [*] --> #35; end'
    meaning: m.
    fix: 'Use another key | or wait.'
    fault: client
    retryable: false
  - id: state-wide
    number: 5
    httpStatus: 409
    code: Rejected.Wide
    message: Wide.
    keyState: 已禁用
    meaning: m.
    fix: 恢复密钥 (re-enable) \`now\`.
    fault: client
    retryable: false
  - id: too-large
    number: 6
    httpStatus: 413
    meaning: The body is too large.
    fix: Send less.
    fault: client
    retryable: false
  - id: internal
    number: 7
    httpStatus: 500
    code: Internal
    message: Internal.
    meaning: m.
    fix: Retry.
    fault: server
    retryable: true
  - id: not-implemented
    number: 8
    httpStatus: 501
    code: NotImplemented
    message: Not implemented.
    meaning: m.
    fix: Ask support.
    fault: server
    retryable: false
`;

export function hostileDocsModel(): CatalogModel {
  const { diagnostics, model } = checkCatalogText("hostile-docs.yaml", HOSTILE_DOCS_YAML);
  expect(diagnostics).toEqual([]);
  return model!;
}
