/**
 * Output 2: one number per message, for charts and thresholds. Per AP, per SSID and per band,
 * the client count; per AP, the median signal of its clients, how many are weak and its busiest
 * channel's utilisation, where the device gives them; optionally per client, the signal in dBm.
 *
 * Topics read well in a chart legend: "<device> <AP> clients", and for a standalone AP (whose one
 * AP is the device itself) just "<device> clients".
 */
import type { ApReading, Band, Metric, MetricMessage } from "./contract";

export type { Metric, MetricMessage } from "./contract";

/** Client counts per band: from the radios' counts, else from the client rows. */
export function bandCounts(reading: ApReading): Map<Band, number> {
    const by = new Map<Band, number>();
    for (const ap of reading.aps) {
        for (const r of ap.radios) {
            if (r.band !== undefined && r.clients !== undefined)
                by.set(r.band, (by.get(r.band) ?? 0) + r.clients);
        }
    }
    if (by.size === 0 && reading.capabilities.perClient) {
        for (const c of reading.clients) if (c.band !== undefined) by.set(c.band, (by.get(c.band) ?? 0) + 1);
    }
    return by;
}

/** How an AP is named in a topic: nothing more when it is the device itself (a standalone AP). */
function apTopic(device: string, ap: { name: string }): string {
    return ap.name === device || ap.name === "" ? device : `${device} ${ap.name}`;
}

export function metricMessages(reading: ApReading, options: { perClientSignal: boolean }): MetricMessage[] {
    const { device, host } = reading;
    const out: MetricMessage[] = [];
    for (const ap of reading.aps) {
        const about = (kind: Metric["kind"]): Metric => ({ device, host, kind, ap: ap.name, apId: ap.id });
        const topic = apTopic(device, ap);
        if (ap.clients !== undefined) {
            out.push({ topic: `${topic} clients`, payload: ap.clients, metric: about("clients") });
        }
        if (ap.signal !== undefined) {
            out.push({
                topic: `${topic} median signal`,
                payload: ap.signal.median,
                metric: about("signal"),
            });
            out.push({ topic: `${topic} weak clients`, payload: ap.signal.weak, metric: about("weak") });
        }
        if (ap.utilisation !== undefined) {
            out.push({
                topic: `${topic} utilisation`,
                payload: ap.utilisation,
                metric: about("utilisation"),
            });
        }
    }
    for (const s of reading.ssids) {
        out.push({
            topic: `${device} ${s.ssid} clients`,
            payload: s.clients,
            metric: { device, host, kind: "clients", ssid: s.ssid },
        });
    }
    for (const [band, clients] of bandCounts(reading)) {
        out.push({
            topic: `${device} ${band} clients`,
            payload: clients,
            metric: { device, host, kind: "clients", band },
        });
    }
    if (options.perClientSignal) {
        for (const c of reading.clients) {
            if (c.signal === undefined) continue;
            const metric: Metric = { device, host, kind: "signal", mac: c.mac };
            if (c.name !== undefined) metric.name = c.name;
            if (c.ap !== undefined) metric.ap = c.ap;
            if (c.ssid !== undefined) metric.ssid = c.ssid;
            if (c.band !== undefined) metric.band = c.band;
            out.push({ topic: `${device} ${c.name ?? c.mac} signal`, payload: c.signal, metric });
        }
    }
    return out;
}
