/**
 * Strict mode: a request is checked against the catalog's request conditions (the entries' `request:`
 * lists), in catalog order, and the first condition it meets names the entry the server would send,
 * with its placeholders filled from the request. Signatures are not verified.
 */
import type { CatalogEntry, CatalogModel, RequestCondition } from "../catalog/model.js";

export interface ConditionHit {
  readonly entry: CatalogEntry;
  readonly condition: RequestCondition;
  /** Placeholder values taken from the request. */
  readonly params: Readonly<Record<string, string>>;
  /** What the request did, in a few words, for the log. */
  readonly reason: string;
}

export interface CheckableRequest {
  /** Lower-case header names, as node gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly bodyBytes: number;
}

/** The checker of a catalog's conditions; `now` is the server clock (ms since the epoch). */
export function createRequestChecker(model: CatalogModel, now: () => number = Date.now): (request: CheckableRequest) => ConditionHit | undefined {
  const rules = model.entries.flatMap((entry) => entry.request.map((condition) => ({ entry, condition, header: "header" in condition ? condition.header.toLowerCase() : "" })));
  return (request) => {
    for (const { entry, condition, header } of rules) {
      if (condition.kind === "body-over-limit") {
        if (request.bodyBytes > condition.bytes) return { entry, condition, params: {}, reason: `body of ${request.bodyBytes} bytes is over ${condition.limit} (${condition.bytes})` };
        continue;
      }
      const raw = request.headers[header];
      const value = Array.isArray(raw) ? raw.join(", ") : raw;
      const present = value !== undefined && value.trim() !== "";
      let reason: string | undefined;
      switch (condition.kind) {
        case "header-missing":
          if (!present) reason = `${condition.header} ${value === undefined ? "missing" : "empty"}`;
          break;
        case "header-not-operation":
          if (!present) reason = `${condition.header} ${value === undefined ? "missing" : "empty"}`;
          else if (!condition.operations.includes(value)) reason = `${condition.header} ${JSON.stringify(value)} is not one of the catalog's operations`;
          break;
        case "header-not-one-of":
          if (present && !condition.values.includes(value)) reason = `${condition.header} ${JSON.stringify(value)} is not ${condition.values.join(" or ")}`;
          break;
        case "header-not-format":
          if (present && parseRfc1123(value) === undefined) reason = `${condition.header} ${JSON.stringify(value)} is not an RFC 1123 date`;
          break;
        case "header-skew": {
          const time = present ? parseRfc1123(value) : undefined;
          if (time !== undefined && Math.abs(time - now()) > condition.seconds * 1000) reason = `${condition.header} is ${Math.round((time - now()) / 1000)} s from the server clock (over ${condition.seconds} s)`;
          break;
        }
      }
      if (reason !== undefined) {
        const params = condition.fills !== undefined ? { [condition.fills]: value ?? "" } : {};
        return { entry, condition, params, reason };
      }
    }
    return undefined;
  };
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const RFC1123 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (GMT|UTC|UT|Z|[+-]\d{4})$/;

/**
 * The time of an RFC 1123 date (`Sun, 06 Nov 1994 08:49:37 GMT`; also a numeric zone such as +0800),
 * or undefined when it is not one: a real calendar day whose weekday agrees.
 */
export function parseRfc1123(text: string): number | undefined {
  const m = RFC1123.exec(text);
  if (!m) return undefined;
  const [, day, date, month, year, hh, mm, ss, zone] = m as unknown as [string, string, string, string, string, string, string, string, string];
  const d = Number(date);
  const mon = MONTHS.indexOf(month);
  const y = Number(year);
  const h = Number(hh);
  const mi = Number(mm);
  const s = Number(ss);
  if (h > 23 || mi > 59 || s > 60) return undefined;
  const midnight = Date.UTC(y, mon, d);
  const check = new Date(midnight);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mon || DAYS[check.getUTCDay()] !== day) return undefined;
  const offset = /^[+-]/.test(zone) ? (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) : 0;
  return midnight + ((h * 60 + mi - offset) * 60 + Math.min(s, 59)) * 1000;
}
