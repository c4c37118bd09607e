/**
 * A certificate authority and a server certificate made at start with node's crypto (EC P-256,
 * ECDSA-SHA256), written as DER by hand: node can sign but has no API to issue certificates, and no
 * dependency or openssl binary is needed. The CA is what a client trusts; the server presents the leaf.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isIP } from "node:net";

export interface IssuedCertificates {
  /** The CA certificate (PEM): give it to the client as its trusted root. */
  readonly caPem: string;
  /** The server's certificate (PEM), issued by the CA, for the names below. */
  readonly certPem: string;
  /** The server's private key (PKCS#8 PEM). */
  readonly keyPem: string;
}

/** Issues a CA and a server certificate valid for localhost, 127.0.0.1, ::1 and `hosts`, for `days` days. */
export function issueCertificates(hosts: readonly string[] = [], days = 30, now = new Date()): IssuedCertificates {
  const ca = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const leaf = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
  const caName = name("errcat serve test CA");
  const caKeyId = keyId(ca.publicKey);
  const caCert = certificate({
    serial: serial(), issuer: caName, subject: caName, notBefore, notAfter, publicKey: ca.publicKey, signer: ca.privateKey,
    extensions: [
      extension(OID.basicConstraints, true, seq(bool(true))),
      extension(OID.keyUsage, true, bitString(Buffer.from([0x06]), 1)), // keyCertSign, cRLSign
      extension(OID.subjectKeyIdentifier, false, octet(caKeyId)),
    ],
  });
  const names = [...new Set(["localhost", "127.0.0.1", "::1", ...hosts])];
  const leafCert = certificate({
    serial: serial(), issuer: caName, subject: name(names[0]!), notBefore, notAfter, publicKey: leaf.publicKey, signer: ca.privateKey,
    extensions: [
      extension(OID.basicConstraints, true, seq()),
      extension(OID.keyUsage, true, bitString(Buffer.from([0x80]), 7)), // digitalSignature
      extension(OID.extKeyUsage, false, seq(oid(OID.serverAuth))),
      extension(OID.subjectAltName, false, seq(...names.map(generalName))),
      extension(OID.subjectKeyIdentifier, false, octet(keyId(leaf.publicKey))),
      extension(OID.authorityKeyIdentifier, false, seq(tlv(0x80, caKeyId))),
    ],
  });
  return { caPem: pem("CERTIFICATE", caCert), certPem: pem("CERTIFICATE", leafCert), keyPem: leaf.privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
}

const OID = {
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  commonName: "2.5.4.3",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectAltName: "2.5.29.17",
  subjectKeyIdentifier: "2.5.29.14",
  authorityKeyIdentifier: "2.5.29.35",
  serverAuth: "1.3.6.1.5.5.7.3.1",
} as const;

interface CertificateFields {
  readonly serial: Buffer;
  readonly issuer: Buffer;
  readonly subject: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: KeyObject;
  readonly signer: KeyObject;
  readonly extensions: readonly Buffer[];
}

function certificate(c: CertificateFields): Buffer {
  const algorithm = seq(oid(OID.ecdsaWithSha256));
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))), // v3
    integer(c.serial),
    algorithm,
    c.issuer,
    seq(time(c.notBefore), time(c.notAfter)),
    c.subject,
    c.publicKey.export({ type: "spki", format: "der" }),
    tlv(0xa3, seq(...c.extensions)),
  );
  return seq(tbs, algorithm, bitString(sign("sha256", tbs, c.signer), 0));
}

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : (() => {
    const bytes: number[] = [];
    for (let v = n; v > 0; v >>>= 8) bytes.unshift(v & 0xff);
    return Buffer.from([0x80 | bytes.length, ...bytes]);
  })();
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const octet = (bytes: Buffer) => tlv(0x04, bytes);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const bitString = (bytes: Buffer, unusedBits: number) => tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), bytes]));

/** A DER INTEGER of unsigned big-endian bytes. */
function integer(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.subarray(i);
  return tlv(0x02, trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number) as [number, number, ...number[]];
  const out = [40 * a + b];
  for (const n of rest) {
    const bytes = [n & 0x7f];
    for (let v = n >>> 7; v > 0; v >>>= 7) bytes.unshift((v & 0x7f) | 0x80);
    out.push(...bytes);
  }
  return tlv(0x06, Buffer.from(out));
}

function name(commonName: string): Buffer {
  return seq(set(seq(oid(OID.commonName), tlv(0x0c, Buffer.from(commonName, "utf8")))));
}

/** UTCTime up to 2049, GeneralizedTime after (RFC 5280). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, "").slice(0, 14); // YYYYMMDDHHMMSS
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [bool(true)] : []), octet(value));
}

/** A subjectAltName entry: an IP address (v4 or v6) or a DNS name. */
function generalName(host: string): Buffer {
  const family = isIP(host);
  if (family === 4) return tlv(0x87, Buffer.from(host.split(".").map(Number)));
  if (family === 6) return tlv(0x87, ipv6Bytes(host));
  return tlv(0x82, Buffer.from(host, "ascii"));
}

function ipv6Bytes(host: string): Buffer {
  const [head, tail] = host.split("::") as [string, string | undefined];
  const parts = (s: string | undefined) => (s ? s.split(":").map((p) => parseInt(p, 16)) : []);
  const h = parts(head);
  const t = parts(tail);
  const groups = tail === undefined ? h : [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  return out;
}

/** RFC 5280's method 1: SHA-1 of the public key's bits. */
function keyId(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: "spki", format: "der" });
  // For P-256 the key's BIT STRING is the last 66 bytes of the SPKI: tag, length, unused-bits byte, 65-byte point.
  return createHash("sha1").update(spki.subarray(spki.length - 65)).digest();
}

function serial(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes;
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g)!;
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
