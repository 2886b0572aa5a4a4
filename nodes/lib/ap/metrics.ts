/**
 * Output 2: one number per message, for charts and thresholds. Per AP, per SSID and per band,
 * the client count; per AP, the median signal of its clients, how many are weak and its busiest
 * channel's utilisation, where the device gives them; optionally per client, the signal in dBm.
 *
 * Topics read well in a chart legend: "<device> <AP> clients", and for a standalone AP (whose one
 * AP is the device itself) just "<device> clients".
 */
import { seriesName, tags, type SeriesPoint } from "../series";
import { finish, ROWS_PER_STEP, type Steps } from "../slices";
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
    return finish(metricMessagesSteps(reading, options));
}

/** {@link metricMessages} in pause-able steps (slices.ts). */
export function* metricMessagesSteps(
    reading: ApReading,
    options: { perClientSignal: boolean },
): Steps<MetricMessage[]> {
    const { device, host } = reading;
    const out: MetricMessage[] = [];
    let n = 0;
    for (const ap of reading.aps) {
        if (++n % ROWS_PER_STEP === 0) yield;
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
            if (++n % ROWS_PER_STEP === 0) yield;
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

/**
 * The series an output 2 number belongs to, for InfluxDB and Prometheus (lib/series.ts): one
 * measurement per kind of count, so that each Prometheus metric has a fixed set of labels:
 *
 * | measurement              | tags                                    |
 * |--------------------------|-----------------------------------------|
 * | `wifi_ap_clients`        | device, host, ap, ap_id                 |
 * | `wifi_ssid_clients`      | device, host, ssid                      |
 * | `wifi_band_clients`      | device, host, band                      |
 * | `wifi_client_signal_dbm` | device, host, mac, name, ap, ssid, band |
 * | `wifi_ap_signal_dbm`     | device, host, ap, ap_id, band           |
 * | `wifi_<kind>`            | every tag the metric has                |
 */
export function seriesPoint(metric: Metric & { kind: string }): SeriesPoint {
    const { device, host } = metric;
    const base: [string, string | undefined][] = [
        ["device", device],
        ["host", host],
    ];
    if (metric.kind === "clients") {
        if (metric.ap !== undefined || metric.apId !== undefined) {
            return {
                measurement: "wifi_ap_clients",
                tags: tags([...base, ["ap", metric.ap], ["ap_id", metric.apId]]),
            };
        }
        if (metric.ssid !== undefined)
            return { measurement: "wifi_ssid_clients", tags: tags([...base, ["ssid", metric.ssid]]) };
        if (metric.band !== undefined)
            return { measurement: "wifi_band_clients", tags: tags([...base, ["band", metric.band]]) };
        return { measurement: "wifi_clients", tags: tags(base) };
    }
    const all = tags([
        ...base,
        ["mac", metric.mac],
        ["name", metric.name],
        ["ap", metric.ap],
        ["ap_id", metric.apId],
        ["ssid", metric.ssid],
        ["band", metric.band],
    ]);
    if (metric.kind === "signal") {
        return metric.mac !== undefined
            ? { measurement: "wifi_client_signal_dbm", tags: all }
            : { measurement: "wifi_ap_signal_dbm", tags: all };
    }
    if (metric.kind === "weak") return { measurement: "wifi_ap_weak_clients", tags: all };
    if (metric.kind === "utilisation") return { measurement: "wifi_ap_utilisation_percent", tags: all };
    return { measurement: `wifi_${seriesName(metric.kind)}`, tags: all };
}
