/**
 * Access point profiles.
 *
 * A profile says, as data, how one vendor's MIB describes access points, radios, SSIDs and
 * clients: which sysObjectIDs it answers to, which one object confirms it, which columns to read,
 * how their indexes decode and what their values mean. The engine (engine.ts) turns a profile
 * plus one query result into the payload typed in contract.ts; no profile contains code.
 */
import type { SignalKind } from "./contract";

/** The readings (message payloads) are typed with the message contract, beside this file. */
export type {
    ApInfo,
    ApReading,
    ApUnreachable,
    Band,
    ClientInfo,
    RadioInfo,
    SignalKind,
    SsidCount,
} from "./contract";

/**
 * One part of a table index (SMI rules, RFC 2578 section 7.7):
 * - `int`: one sub-identifier (an integer index, an ifIndex, a radio slot);
 * - `mac`: six sub-identifiers (a MacAddress index of fixed size);
 * - `ip`: four sub-identifiers (an IpAddress index);
 * - `string`: a length-prefixed OCTET STRING read as text (an ESSID, a serial);
 * - `lenMac`: a length-prefixed OCTET STRING that holds a MAC (PhysAddress SIZE(6|8));
 * - `textMac`: a length-prefixed DisplayString that holds a MAC as text ("aa:bb:cc:dd:ee:ff");
 * - `rest`: all remaining sub-identifiers, as dotted text (custom tables of unknown layout);
 * - `restMac`: all remaining sub-identifiers as a row id, and the MAC as part `mac` when there is
 *   one: the whole rest as a length-prefixed text MAC, else its last six sub-identifiers (a table
 *   of unknown layout, or one whose rows should count even when an index is no MAC);
 * - `lastMac`: all remaining sub-identifiers, the last six of which are a MAC;
 * - `lit:1.4.1.1`: exactly these sub-identifiers (a fixed path inside a walked subtree).
 * A part named `$col` selects, in a subtree holding several columns, the field that reads the
 * row (see `Col.sub`).
 */
export type IndexPart =
    "int" | "mac" | "ip" | "string" | "lenMac" | "textMac" | "rest" | "restMac" | "lastMac" | `lit:${string}`;

/**
 * An index layout: named parts in order. Names the engine understands: `ap`, `radio`, `ssid`,
 * `mac` (the client), `bssid`, `ip` (the client's address); any other name (e.g. `vdom`,
 * `wlan`) is decoded and ignored.
 */
export type IndexSpec = readonly (readonly [name: string, part: IndexPart])[];

/**
 * How a column value is read:
 * - `int`, `text`, `mac` (six bytes or MAC text), `ip` (IpAddress or 4/16 bytes);
 * - `ticks`: TimeTicks, 1/100 s, reported in seconds; `seconds`: already seconds;
 * - `bps`, `kbps`, `mbps`: a rate, reported in Mbit/s;
 * - `freqMHz`: a frequency in MHz (band and channel derive from it);
 * - `freqText`: text starting with a frequency in MHz (`2412/20-Ce/gn`);
 * - `bandText`: a band or radio name as text (`ng`, `na`, `5ghz-ax`);
 * - `channelText`: text starting with a channel number (`116E`, `36,40`);
 * - `enum`: an integer looked up in `map` (e.g. a radio type giving a band);
 * - `signedByte`: an 8-bit two's-complement value sent unsigned (161 means -95);
 * - `dBmMagnitude`: a dBm level sent without its sign (94 means -94 dBm).
 */
export type ValueAs =
    | "int"
    | "text"
    | "mac"
    | "ip"
    | "ticks"
    | "seconds"
    | "bps"
    | "kbps"
    | "mbps"
    | "freqMHz"
    | "freqText"
    | "bandText"
    | "channelText"
    | "enum"
    | "signedByte"
    | "dBmMagnitude";

export interface Col {
    /** Column OID (or, for model/total fields, a scalar instance OID). */
    oid: string;
    as: ValueAs;
    /** For `enum`: value -> result. */
    map?: Readonly<Record<number, string>>;
    /** The MIB says 0 means "not available" (e.g. mtxrWlRtabSignalToNoise). */
    zeroIsNone?: boolean;
    /**
     * Keep only these bits of an integer (e.g. 255: Aruba Instant firmware before 8.4 sends
     * aiRadioChannel with channel-width flags above the channel number).
     */
    mask?: number;
    /**
     * Columns of the same table whose values are added to this one (e.g. HUAWEI-WLAN-VAP-MIB
     * counts an SSID's clients per band in three columns). Absent columns add nothing; the field
     * is absent only when none of them answers.
     */
    plus?: readonly string[];
    /**
     * Columns of the same table read, in order, when this one gives no value (an object a later
     * MIB revision or another platform serves instead, e.g. cLWlanSsid on a Catalyst 9800).
     */
    or?: readonly string[];
    /** In a table whose index has a `$col` part: the value of that part this field reads. */
    sub?: number;
}

export interface TableDef<F extends string> {
    index: IndexSpec;
    cols: Partial<Record<F, Col>>;
    /**
     * The field whose column defines the rows; the other columns only add values. Needed when a
     * column comes from a wider table with the same index (e.g. ifName beside radio rows).
     */
    rowsFrom?: F;
    /**
     * Keep only rows whose `col` (an integer column) holds one of `values` (e.g. associated
     * stations). A row without that value is kept: the filter never hides data it cannot judge.
     */
    keep?: { col: Col; values: readonly number[] };
    /** Drop rows whose `col` holds one of `values` (e.g. wired stations on a wireless table). */
    drop?: { col: Col; values: readonly number[] };
    /**
     * Keep only rows whose index part `part` (as decoded text) matches `pattern`; when the pattern
     * has a capture group, the part becomes what it captured (NET-SNMP-EXTEND-MIB rows named
     * `clients-wlan0` become radio `wlan0`).
     */
    where?: { part: string; pattern: RegExp };
    /**
     * The field whose decoded value identifies the row instead of its index (a UniFi radio row
     * is keyed by its band, as the VAPs name their radio).
     */
    keyFrom?: F;
}

export type ApField = "name" | "mac" | "ip" | "model" | "clients";
/** `label` names the radio (e.g. an interface name); `ssid` when the row is one SSID on one radio. */
export type RadioField = "label" | "band" | "channel" | "noise" | "clients" | "ssid";
export type SsidField = "ssid" | "clients" | "band" | "channel";
export type BssidField = "bssid" | "ssid";
/** `row` is read only to enumerate rows (a custom table's column of unknown meaning). */
export type ClientField =
    | "row"
    | "mac"
    | "ap"
    | "apIp"
    | "apMac"
    | "bssid"
    | "radio"
    | "ssid"
    | "band"
    | "channel"
    | "signal"
    | "rssi"
    | "snr"
    | "noise"
    | "txRate"
    | "rxRate"
    | "uptime"
    | "ip"
    | "name";

/**
 * A sysObjectID / sysDescr signature. All given conditions must hold; a profile matches when
 * any of its signatures does.
 */
export interface Signature {
    /** sysObjectID starts with this (dotted, no leading dot; a trailing dot means "strictly below"). */
    oid?: string;
    /** sysObjectID starts with none of these. */
    notOid?: readonly string[];
    /** sysDescr matches. */
    descr?: RegExp;
}

/** One object whose answer confirms a profile. */
export interface ProbeObject {
    /** Column or scalar object OID (no instance), or, with `instance`, the exact instance OID. */
    oid: string;
    /** MIB name, for messages. */
    name: string;
    /** The OID is an instance to GET (e.g. an extend named in the index), not an object to walk. */
    instance?: boolean;
    /**
     * Confirms the profile only for a device whose sysObjectID or sysDescr matches it: a generic
     * object (IEEE802dot11-MIB) that would otherwise claim devices of other vendors.
     */
    signatureOnly?: boolean;
    /** The object is no client count (a name or status table): left out of the fallback list. */
    notACount?: boolean;
}

export interface ApProfile {
    /** Stable id, shown in the payload (`profile`) and chosen in the editor. */
    id: string;
    /** What the user reads in the editor and in messages. */
    label: string;
    /** A controller lists the APs it manages; a standalone AP (or router) lists itself. */
    kind: "controller" | "standalone";
    detect: {
        match: readonly Signature[];
        /**
         * One object (column or scalar object OID, no instance) that must answer for this profile
         * to apply: a configuration or AP table, or a scalar count; never a client table, which
         * is empty when nobody is connected.
         */
        probe: string;
        /** MIB name of the probe, for messages. */
        probeName: string;
        /** The probe is an instance OID to GET rather than an object to walk. */
        probeInstance?: boolean;
        /** The probe is a configuration object, not a client count (the MIB has none). */
        probeNotACount?: boolean;
        /**
         * The probe confirms this profile only for a device its signature names (another profile
         * serves the same object and reads any other device that answers it).
         */
        probeSignatureOnly?: boolean;
        /**
         * Other objects, any of which confirms the profile as well as the probe does: the same
         * count in another firmware generation or enterprise tree, or a count column where the
         * probe is a scalar (FortiWiFi models without fgWcInfoStationCount).
         */
        alsoProbe?: readonly ProbeObject[];
        /** Extra advice when the signature matches but the probe does not answer. */
        hint?: string;
    };
    /** How per-client signal is expressed, when the profile reads clients. */
    signal: SignalKind;
    /** Where the model comes from: a scalar, the first row of a column, or sysDescr. */
    model?: { scalar?: string; column?: string; sysDescr?: RegExp };
    /**
     * Scalar instance OIDs for totals the device keeps itself (any instance, not only `.0`);
     * `clientsAlt` are tried in order when `clients` does not answer (another enterprise tree).
     */
    totals?: { clients?: string; clientsAlt?: readonly string[]; aps?: string };
    /** The APs a controller manages. */
    aps?: TableDef<ApField> & { modelPattern?: RegExp };
    /** Radios (per AP for a controller; the device's own for a standalone). */
    radios?: TableDef<RadioField>;
    /** Counts per SSID on one AP (and radio): VAP / BSSID tables. */
    vaps?: TableDef<SsidField>;
    /**
     * Counts per SSID for the whole device: WLAN tables. On a controller without a total
     * scalar, their sum is the controller's own total (each client is on exactly one WLAN).
     */
    wlans?: TableDef<SsidField>;
    /** BSSID -> AP, radio and SSID, for client tables that name only the BSSID. */
    bssids?: TableDef<BssidField>;
    /** One row per client; `joins` are tables with other indexes that share the client MAC. */
    clients?: TableDef<ClientField> & { joins?: readonly TableDef<ClientField>[] };
    /** Which index holds an ifIndex to be named from IF-MIB ifName. */
    ifNames?: "radio" | "ap";
    /** Sources and caveats, shown in the help and kept beside the table. */
    notes?: readonly string[];
}
