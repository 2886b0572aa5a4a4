/**
 * Every key one threshold-alert node remembers, and what one input does to them:
 * `book.input(observation, rules, now) → {notifications, dropped}`.
 *
 * The stored state (`book.state`, plain JSON) is changed in place, and the book keeps indexes
 * beside it, so that an input costs what the input is about, not what the node remembers: the
 * keys whose level differs from the one notified, the alerting keys by when they were last
 * notified (reminders), every key by when its level last changed (the cap's victims), the keys of
 * each group (a device's clients), and the rows of the active list, sorted again only when an
 * alert comes, goes or changes level. Output 2 is sent only when one of its rows changed.
 *
 * The state holds only keys that need remembering (not ok, notified as not ok, counting towards a
 * raise, or watched), and at most MAX_KEYS of them.
 */
import { apClientsKey, apPresentKey } from "../ap/contract";
import { adoptHostOnly, stateKey, type DeviceIdentity } from "../contract";
import {
    activeRow,
    apPresenceReading,
    apply,
    changeOf,
    forgettable,
    notification,
    sameRow,
    watchRow,
} from "./reducer";
import { inQuietHours, type Rules } from "./rules";
import { emptyMap } from "../json";
import { emptyState } from "./store";
import {
    RANK,
    type ActiveRow,
    type AlertState,
    type KeyState,
    type Notification,
    type Observation,
    type Reading,
    type Subject,
    type WatchRow,
} from "./types";

/** Keys one node remembers at most; beyond it the oldest non-alerting ones go first. */
export const MAX_KEYS = 10_000;
/** Wi-Fi devices whose AP lists are remembered (for "AP disappeared"); the oldest go first. */
export const MAX_AP_DEVICES = 1_000;
/** APs remembered per Wi-Fi device. */
export const MAX_APS_PER_DEVICE = 5_000;

export interface Result {
    notifications: Notification[];
    /** Keys dropped because the state was full. */
    dropped: number;
}

export interface Counts {
    critical: number;
    warning: number;
    watch: number;
}

type Inventory = NonNullable<Observation["inventory"]>;

/** The device key of a subject (the part every key of its device starts with). */
function deviceKeyOf(s: Subject): string {
    return stateKey(s.port === undefined ? { host: s.host } : { host: s.host, port: s.port });
}

function first<K>(map: Map<K, unknown>): K | undefined {
    const next = map.keys().next();
    return next.done === true ? undefined : next.value;
}

/** Most severe first, then oldest first (ISO times compare as text). */
function byUrgency(a: ActiveRow, b: ActiveRow): number {
    const since = (a.since ?? "") < (b.since ?? "") ? -1 : (a.since ?? "") > (b.since ?? "") ? 1 : 0;
    return RANK[b.severity] - RANK[a.severity] || since;
}

function byWatchSince(a: WatchRow, b: WatchRow): number {
    return (a.since ?? "") < (b.since ?? "") ? -1 : (a.since ?? "") > (b.since ?? "") ? 1 : 0;
}

export class AlertBook {
    /** What the node stores; kept up to date in place. */
    readonly state: AlertState;
    private readonly counts: Counts = { critical: 0, warning: 0, watch: 0 };
    /** Keys whose level differs from the level notified: due, or held by quiet hours. */
    private readonly due = new Set<string>();
    /** Alerting keys the user was told about, by when (reminders), least recently first. */
    private readonly notifiedAt = new Map<string, number>();
    /** Keys at ok (kept for a pending raise, a watch or a held clear), least recently changed first. */
    private readonly quietByAge = new Map<string, true>();
    /** Alerting keys, least recently changed first. */
    private readonly alertingByAge = new Map<string, true>();
    private readonly groups = new Map<string, Set<string>>();
    private readonly active = new Map<string, ActiveRow>();
    private readonly watched = new Map<string, WatchRow>();
    private activeOrder: string[] | null = null;
    private watchOrder: string[] | null = null;
    /** Set when a row of output 2 changed since the list was last taken (and at start). */
    private listChanged = true;
    /** Keys stored under a host alone (version 1), by host: moved when its device is adopted. */
    private readonly hostOnlyKeys = new Map<string, string[]>();
    private apDevices: number;

    constructor(state: AlertState = emptyState()) {
        this.state = state;
        const entries = Object.entries(state.keys).sort((a, b) => a[1].changed - b[1].changed);
        for (const [key, ks] of entries) {
            this.index(key, undefined, ks);
            const host = ks.subject.host;
            if (state.hostOnly[host] === true && key.startsWith(`${host}/`)) {
                const keys = this.hostOnlyKeys.get(host) ?? [];
                keys.push(key);
                this.hostOnlyKeys.set(host, keys);
            }
        }
        // Reminders go by when each key was last notified, not by when it changed.
        const notified = [...this.notifiedAt].sort((a, b) => a[1] - b[1]);
        this.notifiedAt.clear();
        for (const [key, at] of notified) this.notifiedAt.set(key, at);
        this.apDevices = Object.keys(state.aps).length;
    }

    /** Keys remembered. */
    get size(): number {
        return this.quietByAge.size + this.alertingByAge.size;
    }

    summary(): Counts {
        return { ...this.counts };
    }

    /** Applies one input. */
    input(observation: Observation, rules: Rules, now: number): Result {
        if (observation.about !== undefined) this.adopt(observation.about);
        const readings = [...observation.readings];
        const inventory = observation.inventory;
        let missing = new Map<string, string>();
        if (inventory) {
            const found = this.presence(inventory, rules);
            readings.push(...found.readings);
            missing = found.missing;
        }
        const touched: string[] = [];
        for (const r of readings) {
            this.put(r.key, apply(this.state.keys[r.key], r, now));
            touched.push(r.key);
        }
        for (const { group, keep } of observation.forget ?? []) this.forgetGroup(group, keep);
        const { notifications, considered } = this.notify(touched, rules, now);
        for (const key of considered) {
            const ks = this.state.keys[key];
            if (ks !== undefined && forgettable(ks)) this.put(key, undefined);
        }
        const dropped = this.cap();
        if (inventory) this.remember(inventory, missing);
        return { notifications, dropped };
    }

    /**
     * `msg.reset`: forgets one key, or every key of a device (by host, host:port or display
     * name), or everything. Sends nothing: a reset is the user saying "I know".
     */
    reset(topic: string | null): void {
        if (topic === null) {
            for (const key of Object.keys(this.state.keys)) this.put(key, undefined);
            for (const device of Object.keys(this.state.aps)) delete this.state.aps[device];
            this.apDevices = 0;
            this.listChanged = true;
            return;
        }
        this.forgetAps(topic);
        for (const [key, ks] of Object.entries(this.state.keys)) {
            const { host, device, id, kind } = ks.subject;
            const matches =
                key === topic ||
                key.startsWith(`${topic}/`) ||
                (host !== "" && host === topic) ||
                (device !== "" && device === topic);
            if (!matches) continue;
            this.put(key, undefined);
            const at = deviceKeyOf(ks.subject);
            if (device === topic || host === topic) this.forgetAps(at);
            const known = this.state.aps[at];
            // Forget the AP too, or the next reading would find it missing again.
            if (kind === "ap" && id !== undefined && known !== undefined) delete known[id];
        }
    }

    /** Whether output 2 changed since this was last asked (true the first time). */
    takeListChange(): boolean {
        const changed = this.listChanged;
        this.listChanged = false;
        return changed;
    }

    /** Output 2: the alerts now active, most severe first, then oldest first. */
    activeRows(): ActiveRow[] {
        this.activeOrder ??= [...this.active.values()].sort(byUrgency).map((r) => r.key);
        // Copies: a flow may change the message it gets, and these rows are kept.
        return this.activeOrder.map((key) => ({ ...(this.active.get(key) as ActiveRow) }));
    }

    /** Output 2, `msg.watch`: levels that are not alerting but not known to be fine either. */
    watchRows(): WatchRow[] {
        this.watchOrder ??= [...this.watched.values()].sort(byWatchSince).map((r) => r.key);
        return this.watchOrder.map((key) => ({ ...(this.watched.get(key) as WatchRow) }));
    }

    // -----------------------------------------------------------------------------------------

    /** Stores (or, with undefined, forgets) one key, and keeps every index in step. */
    private put(key: string, next: KeyState | undefined): void {
        const prev = this.state.keys[key];
        if (next === undefined) delete this.state.keys[key];
        else this.state.keys[key] = next;
        this.index(key, prev, next);
    }

    private index(key: string, prev: KeyState | undefined, next: KeyState | undefined): void {
        this.count(prev, -1);
        this.count(next, 1);
        if (next !== undefined && next.severity !== next.notified) this.due.add(key);
        else this.due.delete(key);
        if (next !== undefined && next.severity !== "ok" && next.severity === next.notified) {
            const at = next.sent ?? next.changed;
            if (this.notifiedAt.get(key) !== at) {
                this.notifiedAt.delete(key);
                this.notifiedAt.set(key, at);
            }
        } else {
            this.notifiedAt.delete(key);
        }
        this.age(key, prev, next);
        this.group(key, prev?.group, next?.group);
        this.rows(key, next);
    }

    private count(ks: KeyState | undefined, by: number): void {
        if (ks === undefined) return;
        if (ks.severity !== "ok") this.counts[ks.severity] += by;
        if (ks.watch !== undefined) this.counts.watch += by;
    }

    private age(key: string, prev: KeyState | undefined, next: KeyState | undefined): void {
        if (next === undefined) {
            this.quietByAge.delete(key);
            this.alertingByAge.delete(key);
            return;
        }
        const byAge = next.severity === "ok" ? this.quietByAge : this.alertingByAge;
        if (prev !== undefined && prev.changed === next.changed && byAge.has(key)) return;
        this.quietByAge.delete(key);
        this.alertingByAge.delete(key);
        byAge.set(key, true);
    }

    private group(key: string, before: string | undefined, after: string | undefined): void {
        if (before !== undefined && before !== after) {
            const members = this.groups.get(before);
            members?.delete(key);
            if (members?.size === 0) this.groups.delete(before);
        }
        if (after !== undefined) {
            const members = this.groups.get(after) ?? new Set<string>();
            members.add(key);
            this.groups.set(after, members);
        }
    }

    private rows(key: string, next: KeyState | undefined): void {
        const row = next !== undefined && next.severity !== "ok" ? activeRow(key, next) : undefined;
        const old = this.active.get(key);
        if (row === undefined) {
            if (old !== undefined) {
                this.active.delete(key);
                this.activeOrder = null;
                this.listChanged = true;
            }
        } else if (!sameRow(old, row)) {
            if (old === undefined || old.severity !== row.severity || old.since !== row.since)
                this.activeOrder = null;
            this.active.set(key, row);
            this.listChanged = true;
        }
        const watch = next?.watch !== undefined ? watchRow(key, next) : undefined;
        const oldWatch = this.watched.get(key);
        if (watch === undefined) {
            if (oldWatch !== undefined) {
                this.watched.delete(key);
                this.watchOrder = null;
                this.listChanged = true;
            }
        } else if (!sameRow(oldWatch, watch)) {
            if (oldWatch === undefined || oldWatch.since !== watch.since) this.watchOrder = null;
            this.watched.set(key, watch);
            this.listChanged = true;
        }
    }

    /**
     * Keys stored before keys had ports (version 1) are filed under the host alone: the first
     * device heard at that host takes them over, under its own key when it is on another port.
     */
    private adopt(device: DeviceIdentity): void {
        const move = adoptHostOnly(this.state.hostOnly, device);
        const keys = this.hostOnlyKeys.get(device.host);
        this.hostOnlyKeys.delete(device.host);
        if (move === null) return;
        for (const key of keys ?? []) {
            const ks = this.state.keys[key];
            if (ks === undefined) continue;
            this.put(key, undefined);
            const to = move.to + key.slice(move.from.length);
            if (this.state.keys[to] !== undefined) continue;
            const subject = { ...ks.subject };
            if (device.port !== undefined) subject.port = device.port;
            const moved: KeyState = { ...ks, subject };
            if (ks.group?.startsWith(move.from) === true)
                moved.group = move.to + ks.group.slice(move.from.length);
            this.put(to, moved);
        }
        const aps = this.state.aps[move.from];
        if (aps !== undefined) {
            delete this.state.aps[move.from];
            if (this.state.aps[move.to] === undefined) this.state.aps[move.to] = aps;
            else this.apDevices--;
        }
    }

    /** Readings for APs that vanished from (or came back to) a Wi-Fi device's list. */
    private presence(
        inventory: Inventory,
        rules: Rules,
    ): { readings: Reading[]; missing: Map<string, string> } {
        const before = this.state.aps[stateKey(inventory.at)] ?? emptyMap<string>();
        const readings: Reading[] = [];
        const missing = new Map<string, string>();
        for (const [id, name] of Object.entries(before)) {
            if (inventory.aps.has(id)) continue;
            missing.set(id, name);
            readings.push(apPresenceReading(inventory, id, name, false, rules));
            // Its client count means nothing while it is gone; the "missing" alert says it all.
            this.put(apClientsKey(inventory.at, id), undefined);
        }
        for (const [id, name] of inventory.aps) {
            if (this.state.keys[apPresentKey(inventory.at, id)] !== undefined)
                readings.push(apPresenceReading(inventory, id, name, true, rules));
        }
        return { readings, missing };
    }

    /**
     * Remember this reading's APs, plus the missing ones still being tracked, so an AP keeps
     * counting as missing (and its debounce keeps counting) until it is back or reset.
     */
    private remember(inventory: Inventory, missing: Map<string, string>): void {
        const device = stateKey(inventory.at);
        const remembered = emptyMap<string>();
        let n = 0;
        for (const [id, name] of inventory.aps) {
            if (n++ >= MAX_APS_PER_DEVICE) break;
            remembered[id] = name;
        }
        for (const [id, name] of missing) {
            if (this.state.keys[apPresentKey(inventory.at, id)] !== undefined) remembered[id] = name;
        }
        if (this.state.aps[device] === undefined) this.apDevices++;
        else delete this.state.aps[device]; // re-inserted last: the oldest device is the first
        this.state.aps[device] = remembered;
        if (this.apDevices > MAX_AP_DEVICES) {
            const devices = Object.keys(this.state.aps);
            for (const d of devices.slice(0, devices.length - MAX_AP_DEVICES)) delete this.state.aps[d];
            this.apDevices = MAX_AP_DEVICES;
        }
    }

    /** A reset of an AP device: forget its list, so its APs are not found missing. */
    private forgetAps(device: string): void {
        if (this.state.aps[device] === undefined) return;
        delete this.state.aps[device];
        this.apDevices--;
    }

    /** Keys of `group` this input no longer mentions go, without a notification. */
    private forgetGroup(group: string, keep: readonly string[]): void {
        const members = this.groups.get(group);
        if (members === undefined) return;
        const kept = new Set(keep);
        for (const key of [...members]) if (!kept.has(key)) this.put(key, undefined);
    }

    /**
     * Notifications due: for the keys this input is about first (in its order), then the keys
     * whose level differs from the one notified, then the reminders that are due.
     */
    private notify(
        touched: readonly string[],
        rules: Rules,
        now: number,
    ): { notifications: Notification[]; considered: Set<string> } {
        const quiet = inQuietHours(now, rules.quiet);
        const out: Notification[] = [];
        const considered = new Set<string>();
        const consider = (key: string): void => {
            if (considered.has(key)) return;
            considered.add(key);
            const ks = this.state.keys[key];
            if (ks === undefined) return;
            if (ks.severity !== ks.notified) {
                if (quiet && !(rules.criticalBypass && ks.severity === "critical")) return;
                out.push(notification(key, ks, ks.notified, changeOf(ks.notified, ks.severity), 0, now));
                this.put(key, { ...ks, notified: ks.severity, sent: now, repeat: 0 });
            } else if (ks.severity !== "ok" && rules.renotifyMs > 0 && !quiet) {
                if (now - (ks.sent ?? ks.changed) < rules.renotifyMs) return;
                const repeat = (ks.repeat ?? 0) + 1;
                out.push(notification(key, ks, ks.notified, "reminder", repeat, now));
                this.put(key, { ...ks, sent: now, repeat });
            }
        };
        for (const key of touched) consider(key);
        if (!quiet || rules.criticalBypass) for (const key of [...this.due]) consider(key);
        if (rules.renotifyMs > 0 && !quiet) {
            const reminders: string[] = [];
            for (const [key, at] of this.notifiedAt) {
                if (now - at < rules.renotifyMs) break;
                reminders.push(key);
            }
            for (const key of reminders) consider(key);
        }
        return { notifications: out, considered };
    }

    /** Over MAX_KEYS: the keys at ok go first, then the alerting ones, least recently changed first. */
    private cap(): number {
        let dropped = 0;
        while (this.size > MAX_KEYS) {
            const victim = first(this.quietByAge) ?? first(this.alertingByAge);
            if (victim === undefined) break;
            this.put(victim, undefined);
            dropped++;
        }
        return dropped;
    }
}
