/**
 * Classified SNMP failures. Every error that leaves the access layer is an {@link SnmpError}
 * with a stable `code`, the host it concerns, and a message that says what happened and what
 * to try. Secrets (community, keys) never appear in a message: only the caller's target does.
 */

export type SnmpErrorCode =
    /** No answer in time: host down, firewall, wrong community or wrong v3 privacy key. */
    | "timeout"
    /** SNMPv3 rejected: unknown user, wrong auth key, unsupported security level, time window. */
    | "auth"
    /** The host name does not resolve. */
    | "dns"
    /** The network said no route / host unreachable / port closed. */
    | "unreachable"
    /** The device answered with something that is not a valid SNMP response. */
    | "malformed"
    /** The device answered with an error status (genErr, noSuchName on v1 where fatal, ...). */
    | "agent"
    /** The response would not fit in one message even when asking for one value. */
    | "tooBig"
    /** A local crypto failure, e.g. DES or MD5 disabled in Node's OpenSSL. */
    | "crypto"
    /** Bad settings: empty host, invalid port, unknown protocol names. */
    | "config"
    /** The poll was cancelled (node closed or redeployed). */
    | "cancelled"
    /** The device answers SNMP but is not a printer (no Printer-MIB). */
    | "notPrinter"
    /** The device matches no access-point profile. */
    | "unsupported"
    /** Anything else. */
    | "error";

export class SnmpError extends Error {
    override readonly name = "SnmpError";
    readonly code: SnmpErrorCode;
    readonly host: string | undefined;
    /** For `agent` errors: the SNMP error-status (RFC 3416), e.g. 2 noSuchName, 5 genErr. */
    readonly status: number | undefined;
    /** For `agent` errors: the OID the agent named in error-index, when it named one. */
    readonly oid: string | undefined;
    /** For `unsupported` errors: the objects that were tried, too many to name in the message. */
    readonly tried: readonly string[] | undefined;

    constructor(
        code: SnmpErrorCode,
        message: string,
        options: {
            host?: string;
            cause?: unknown;
            status?: number;
            oid?: string;
            tried?: readonly string[];
        } = {},
    ) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.code = code;
        this.host = options.host;
        this.status = options.status;
        this.oid = options.oid;
        this.tried = options.tried;
    }

    /** The plain `{code, message}` (and `tried`, when set) that goes into a message payload. */
    toJSON(): { code: SnmpErrorCode; message: string; tried?: string[] } {
        return this.tried === undefined
            ? { code: this.code, message: this.message }
            : { code: this.code, message: this.message, tried: [...this.tried] };
    }
}

/** Turn any thrown value into an {@link SnmpError} (already-classified errors pass through). */
export function toSnmpError(err: unknown, host?: string): SnmpError {
    if (err instanceof SnmpError) return err;
    const message = err instanceof Error ? err.message : String(err);
    return new SnmpError("error", host ? `${host}: ${message}` : message, { host, cause: err });
}
