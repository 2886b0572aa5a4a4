/**
 * Output 2: one number per message, for charts and thresholds. Per AP, per SSID and per band,
 * the client count; optionally per client, the signal in dBm.
 */
import { seriesName, tags, type SeriesPoint } from "../series";
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

export function metricMessages(reading: ApReading, options: { perClientSignal: boolean }): MetricMessage[] {
    const { device, host } = reading;
    const out: MetricMessage[] = [];
    for (const ap of reading.aps) {
        if (ap.clients === undefined) continue;
        out.push({
            topic: `${device} ${ap.name} clients`,
            payload: ap.clients,
            metric: { device, host, kind: "clients", ap: ap.name, apId: ap.id },
        });
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
    return { measurement: `wifi_${seriesName(metric.kind)}`, tags: all };
}
