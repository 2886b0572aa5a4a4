/** The simulator's public types (see index.ts for the functions). */
import type { DynamicsOptions } from "./dynamics";
import type { SimValue } from "./snmprec";
import type { AuthProtocol, PrivProtocol } from "./usm";

export interface Faults {
    /** Added to every answer, in milliseconds. */
    delayMs?: number;
    /** A further uniform random delay in [0, jitterMs). */
    jitterMs?: number;
    /** Probability in [0, 1] that a request is dropped without an answer. */
    lossRate?: number;
    /** Stop answering altogether. */
    down?: boolean;
}

export interface V3User {
    name: string;
    authProtocol?: AuthProtocol;
    authKey?: string;
    privProtocol?: PrivProtocol;
    privKey?: string;
}

export interface SimDevice {
    /** Unique name; on the shared port it is also the default community (snmpsim convention). */
    name: string;
    /** Community; default: the name on the shared port, "public" on a device's own port. */
    community?: string;
    /** A `.snmprec` file, or … */
    file?: string;
    /** … its text. */
    records?: string;
    /** SNMPv3 contexts other than "" (e.g. HP's "Jetdirect"), each a file or text. */
    contexts?: Record<string, { file?: string; records?: string }>;
    /** Own UDP port (0 = an ephemeral one of its own); omit to share the simulator's port. */
    port?: number;
    /** Own loopback address (127.x.y.z); omit to use the simulator's address. */
    address?: string;
    /** Answer SNMPv3 for these users. */
    v3?: { engineId?: string; engineBoots?: number; users: V3User[] };
    faults?: Faults;
    /** Changing values (printer supplies, wireless clients); false to keep the recording still. */
    dynamics?: DynamicsOptions | false;
}

export interface SimulatorOptions {
    devices: SimDevice[];
    /** Loopback address for the shared port (default 127.0.0.1). */
    address?: string;
    /** Shared port (default 0: ephemeral). */
    port?: number;
    /** Largest response the agent sends, in bytes (default 1472). */
    maxMsgSize?: number;
    /** Faults for every device (a device's own faults take precedence field by field). */
    faults?: Faults;
    /** Seed for loss, jitter and dynamics (default 1): the same seed gives the same run. */
    seed?: number;
    /** Time source in ms (default Date.now); `advance()` adds to it. */
    clock?: () => number;
    /** Run the dynamics on a real-time interval (the demo). Without it they move only on advance(). */
    dynamic?: { intervalMs: number };
    /** Keep at most this many PDU log entries (default 100000; the oldest go first). */
    logLimit?: number;
}

export interface Endpoint {
    host: string;
    port: number;
    community: string;
    /** SNMPv3 engine ID (hex), when the device answers v3. */
    engineId?: string;
}

export type PduOutcome = "response" | "error" | "report" | "dropped";

export interface PduLogEntry {
    /** Simulator clock (ms) when the request arrived. */
    time: number;
    /** Monotonic real time (performance.now(), ms) when the request arrived … */
    receivedAt: number;
    /** … and when the answer left (absent when there was none). */
    answeredAt?: number;
    device?: string;
    context?: string;
    version: "1" | "2c" | "3" | "?";
    /** GET, GETNEXT, GETBULK, SET, … ("?" when the datagram could not be read). */
    type: string;
    varbinds: number;
    oids: string[];
    requestId?: number;
    nonRepeaters?: number;
    maxRepetitions?: number;
    bytesIn: number;
    bytesOut?: number;
    outcome: PduOutcome;
    /** Error-status name, report counter name, or why the request was dropped. */
    detail?: string;
}

export interface SimCounters {
    /** Datagrams received. */
    requests: number;
    /** Datagrams sent (responses and reports). */
    responses: number;
    bytesIn: number;
    bytesOut: number;
    /** Datagrams not answered, for any reason. */
    dropped: number;
    malformed: number;
    badCommunity: number;
    lost: number;
    down: number;
    /** Responses with a non-zero error-status. */
    errors: number;
    reports: number;
    unknownEngineIds: number;
    unknownUserNames: number;
    wrongDigests: number;
    unsupportedSecLevels: number;
    notInTimeWindows: number;
    decryptionErrors: number;
    unknownContexts: number;
    /** Bugs caught inside the simulator (should stay 0). */
    internalErrors: number;
    /** Requests by PDU type name. */
    byType: Record<string, number>;
}

export interface Simulator {
    /** Address and port of the shared listener. */
    readonly address: string;
    readonly port: number;
    readonly deviceNames: readonly string[];
    endpoint(name: string): Endpoint;
    /** Set an object (snmprec type code: 2, 4, "4x", 64, 65, 66, 67, 70, …). */
    set(
        name: string,
        oid: string,
        type: number | string,
        value: string | number | bigint | Buffer,
        context?: string,
    ): void;
    remove(name: string, oid: string, context?: string): boolean;
    get(name: string, oid: string, context?: string): SimValue | undefined;
    /** Global faults, or one device's. Fields given replace the current ones. */
    setFaults(faults: Faults): void;
    setFaults(name: string, faults: Faults): void;
    /** Move the clock forward and run the dynamics for that much time. */
    advance(ms: number): void;
    /** Reboot a device: sysUpTime restarts from 0 and snmpEngineBoots increases. */
    restart(name: string): void;
    /** Oddities found while reading the device's recordings. */
    warnings(name: string): readonly string[];
    readonly log: readonly PduLogEntry[];
    clearLog(): void;
    /** A snapshot: take one before and one after to count what happened in between. */
    readonly counters: SimCounters;
    deviceCounters(name: string): SimCounters;
    stop(): Promise<void>;
}
