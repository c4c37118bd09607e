/** The mock KMS endpoint's public API: `import { startMockServer } from "errcat"`. */
export { startMockServer, FIXTURE_HEADER, REQUESTS_PATH, RESET_PATH } from "./server.js";
export type { MockServer, MockServerOptions } from "./server.js";
export { ScenarioError, parseScenario, loadScenario, checkScenario } from "./scenario.js";
export type { Scenario, ScenarioStep, ScenarioWhen, ScenarioResponse } from "./scenario.js";
export type { LoggedRequest, LoggedResponse } from "./request-log.js";
export { issueCertificates } from "./tls.js";
export type { IssuedCertificates } from "./tls.js";
