/**
 * What node-red-dashboard draws: the Angular templates (it compiles them in the page) and the small
 * controllers that sort and filter the client table and fit the widget to its content. The markup
 * and its classes are the same as the Vue components' of Dashboard 2, and so is the style
 * (style.ts).
 *
 * Device strings (names, models, alert texts, host names of clients…) reach the page only as
 * data in `msg.payload` and are shown with `{{ }}` interpolation, which Angular inserts as text.
 * Nothing here uses ng-bind-html, $sce, innerHTML or HTML built from device data; the only
 * strings built into the templates are our own catalog labels and the node id, escaped below.
 * Colours in ng-style and SVG attributes come from the fixed palette of colors.ts, paths are
 * numbers written by history.ts; neither is ever a device string.
 */
import { WIDGET_CSS } from "./style";
import { SORT_KEYS, viewClients } from "./table";

/** Catalog labels baked into a template. */
export type Labels = Record<string, string>;

/**
 * Escape a label for HTML text or a double-quoted attribute. Braces are dropped as well: Angular
 * would evaluate `{{ }}` found in a text node, and no label of ours needs them.
 */
export function escapeLabel(s: string): string {
    return s
        .replace(/[{}]/g, "")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&#39;");
}

function label(labels: Labels, key: string): string {
    return escapeLabel(labels[key] ?? key);
}

/** The page labels each widget needs from its message catalog (`<type>.page.<key>`). */
export const PRINTER_LABELS = ["waiting", "lastReading", "neverRead", "paper", "history"] as const;
export const WIFI_LABELS = [
    "waiting",
    "lastReading",
    "name",
    "vendor",
    "ap",
    "ssid",
    "band",
    "signal",
    "rowsShown",
    "filter",
    "matching",
    "clients",
    "clientsHistory",
    "signalHistory",
] as const;

/** A widget's page labels, read from its message catalog (`<type>.page.<key>`). */
export function pageLabels(
    t: (key: string) => string,
    type: string,
    keys: readonly string[],
): Record<string, string> {
    const labels: Record<string, string> = {};
    for (const key of keys) labels[key] = t(`${type}.page.${key}`);
    return labels;
}

/**
 * node-red-dashboard gives a group a fixed width in pixels (its grid units); on a screen narrower
 * than that the group would be cut off. The group of one of these widgets, and the widget, shrink
 * to the screen instead (the page then stacks the cards, and the controller fits the height).
 */
const FIT_SCREEN = `
ui-card-panel:has(.sno-root){max-width:calc(100vw - 12px)}
ui-card-panel:has(.sno-root) .nr-dashboard-cardpanel,ui-card-panel:has(.sno-root) .nr-dashboard-cardcontainer,md-card:has(> .sno-root){max-width:100%}
`;

const STYLE = `<style>${WIDGET_CSS}${FIT_SCREEN}</style>`;

/** The small history line of a supply or an AP (Angular: paths and colours are view-model values). */
function spark(path: string, cls: string, colour?: string): string {
    const fill = colour === undefined ? "" : ` ng-attr-fill="{{${colour}}}"`;
    const stroke = colour === undefined ? "" : ` ng-attr-stroke="{{${colour}}}"`;
    return (
        `<svg class="sno-spark ${cls}" ng-if="${path}" viewBox="0 0 100 24" preserveAspectRatio="none" aria-hidden="true">` +
        `<path class="sno-spark-area" ng-attr-d="{{${path}.area}}"${fill}></path>` +
        `<path class="sno-spark-line" ng-attr-d="{{${path}.line}}"${stroke}></path></svg>`
    );
}

/** One supply or tray: its full name and value, the bar and history line, the forecast. */
function bars(list: string): string {
    return `
      <div class="sno-bar" ng-repeat="b in c.${list} track by b.key" data-kind="{{b.kind}}">
        <div class="sno-bar-top"><span class="sno-label">{{b.name}}</span><span class="sno-value sno-l-{{b.level}}">{{b.text}}</span></div>
        <div class="sno-bar-line"><span class="sno-track"><span class="sno-fill" ng-class="{'sno-hatched': b.hatched}" ng-style="{'width': b.width + '%', 'background-color': b.fill}"></span></span>${spark("b.spark", "sno-spark-ink", "b.fill")}</div>
        <div class="sno-forecast sno-l-{{b.forecast.level}}" ng-if="b.forecast">{{b.forecast.text}}</div>
      </div>`;
}

/** The printers widget: a summary line, then one card per printer, most urgent first. */
export function printerTemplate(labels: Labels, nodeId = ""): string {
    return `${STYLE}
<div class="sno-root sno-printers" data-sno-node="${escapeLabel(nodeId)}">
  <div class="sno-summary" ng-if="msg.payload">{{msg.payload.summary}}</div>
  <div class="sno-empty" ng-if="!msg.payload || !msg.payload.cards.length">${label(labels, "waiting")}</div>
  <div class="sno-grid">
    <div class="sno-card sno-u-{{c.urgency}}" ng-class="{'sno-greyed': c.greyed}" ng-repeat="c in msg.payload.cards track by c.key" data-key="{{c.key}}">
      <div class="sno-head"><span class="sno-name" title="{{c.host}}">{{c.name}}</span><span class="sno-status sno-s-{{c.statusLevel}}">{{c.status}}</span></div>
      <div class="sno-sub">{{c.model || c.host}}<span ng-if="c.location"> · {{c.location}}</span></div>
      <div class="sno-note" ng-if="c.greyed">{{c.note}}<span ng-if="c.lastReading"> · ${label(labels, "lastReading")} {{c.lastReading | date:'d MMM HH:mm:ss'}}</span><span ng-if="!c.lastReading"> · ${label(labels, "neverRead")}</span></div>
      <div class="sno-body">
        <div class="sno-issue sno-i-{{i.level}}" ng-repeat="i in c.issues track by $index">{{i.text}}</div>
        <div class="sno-issue sno-i-info" ng-if="c.moreIssues">+{{c.moreIssues}}</div>${bars("supplies")}
        <div class="sno-section" ng-if="c.trays.length">${label(labels, "paper")}</div>${bars("trays")}
      </div>
    </div>
  </div>
</div>`;
}

/** The Wi-Fi widget: a summary, device notes, one tile per access point, the client table. */
export function wifiTemplate(labels: Labels, nodeId = ""): string {
    const th = (key: string, text: string): string =>
        `<th aria-sort="{{ariaSort('${key}')}}" data-sort="${key}"><button type="button" class="sno-sort" ng-click="sortBy('${key}')">${label(labels, text)}<span class="sno-arrow">{{arrow('${key}')}}</span></button></th>`;
    return `${STYLE}
<div class="sno-root sno-wifi" data-sno-node="${escapeLabel(nodeId)}">
  <div class="sno-summary" ng-if="msg.payload">{{msg.payload.summary}}</div>
  <div class="sno-empty" ng-if="!msg.payload">${label(labels, "waiting")}</div>
  <div class="sno-devnote sno-note-{{n.level}}" ng-repeat="n in msg.payload.notes track by n.key"><b>{{n.name}}</b>: {{n.text}}<span ng-if="n.lastReading"> · ${label(labels, "lastReading")} {{n.lastReading | date:'d MMM HH:mm:ss'}}</span></div>
  <div class="sno-aps" ng-if="msg.payload.aps.length">
    <div class="sno-ap" ng-repeat="a in msg.payload.aps track by a.key" ng-class="{'sno-greyed': a.greyed}" data-key="{{a.key}}">
      <div class="sno-ap-head"><span class="sno-apname">{{a.name}}</span><span class="sno-load sno-load-{{a.load}}" ng-if="a.load">{{a.loadText}}</span></div>
      <div class="sno-ap-device" ng-if="a.device !== a.name">{{a.device}}</div>
      <div class="sno-ap-body">
        <div class="sno-ap-line" title="${label(labels, "clientsHistory")}"><span class="sno-ap-what"><span class="sno-count sno-l-{{a.level}}">{{a.clients === null ? '–' : a.clients}}</span> ${label(labels, "clients")}</span>${spark("a.clientsSpark", "sno-spark-clients")}</div>
        <div class="sno-ap-line" ng-if="a.signalText" title="${label(labels, "signalHistory")}"><span class="sno-ap-what"><span class="sno-q sno-q-{{a.quality}}"></span>{{a.signalText}}</span>${spark("a.signalSpark", "sno-spark-signal")}</div>
      </div>
    </div>
  </div>
  <div class="sno-tools" ng-if="msg.payload.clients.length">
    <input class="sno-filter" type="search" ng-model="ui.query" placeholder="${label(labels, "filter")}" aria-label="${label(labels, "filter")}">
    <span class="sno-shown">{{table.matched}} / {{msg.payload.clients.length}} ${label(labels, "matching")}</span>
  </div>
  <table class="sno-table" ng-if="msg.payload.clients.length">
    <thead><tr>${["label", "vendor", "ap", "ssid", "band", "signalSort"]
        .map((k, i) => th(k, ["name", "vendor", "ap", "ssid", "band", "signal"][i] ?? k))
        .join("")}</tr></thead>
    <tbody>
      <tr ng-repeat="c in table.rows track by c.key" ng-class="{'sno-greyed': c.greyed}" data-key="{{c.key}}">
        <td>{{c.label}}<div class="sno-mac" ng-if="c.label !== c.mac">{{c.mac}}</div></td>
        <td>{{c.vendor}}</td>
        <td>{{c.ap}}</td>
        <td>{{c.ssid}}</td>
        <td>{{c.band}}</td>
        <td><span class="sno-q sno-q-{{c.quality}}"></span>{{c.qualityText}}<span class="sno-qt">{{c.signalText}}</span></td>
      </tr>
    </tbody>
  </table>
  <div class="sno-rows" ng-if="table.matched > table.rows.length">${label(labels, "rowsShown")} {{table.rows.length}} / {{table.matched}}</div>
</div>`;
}

/**
 * The part of both controllers that fits the widget to its content (an automatic size): it measures
 * what the page drew and gives node-red-dashboard the number of grid rows that holds it, each time
 * the content or the window changes, so names can wrap and cards stack on a narrow screen without
 * anything cut off.
 *
 * node-red-dashboard runs Angular without debug info, so `angular.element(card).scope()` is
 * undefined there and the widget's grid item cannot be reached. Its layout reads each card's
 * `ui-card-size` attribute ("<width>x<rows>") instead, so the fit writes the rows there and asks
 * the group's layout (the uiCardPanel controller, which Angular keeps on the element with or
 * without debug info) and then the page's (uiMasonry) to run again. Left at "0" rows the layout
 * guesses a template's height from its own earlier guess, which grew to thousands of pixels.
 */
const FIT = `
    var fitTimer = null;
    function fit() {
        fitTimer = null;
        var card = document.querySelector('md-card[node-id="' + nodeId + '"]');
        var root = card && card.querySelector(".sno-root");
        var injector = angular.element(document.body).injector();
        if (!root || !injector) return;
        var sizes = injector.get("uiSizes");
        var style = getComputedStyle(card);
        var height = root.offsetHeight + parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
        var rows = Math.max(1, Math.ceil((height + sizes.cy) / (sizes.sy + sizes.cy)));
        var size = (card.getAttribute("ui-card-size") || "").split("x");
        if (size[1] === String(rows)) return;
        card.setAttribute("ui-card-size", (size[0] || "0") + "x" + rows);
        var element = angular.element(card);
        var panel = element.controller("uiCardPanel");
        var masonry = element.controller("uiMasonry");
        if (panel && typeof panel.refreshLayout === "function") {
            panel.refreshLayout(function () {
                if (masonry && typeof masonry.refreshLayout === "function") masonry.refreshLayout();
            });
        }
    }
    function later() {
        if (fitTimer === null) fitTimer = setTimeout(fit, 30);
    }
    if (autoHeight) {
        scope.$watch("msg", later);
        window.addEventListener("resize", later);
        var observer = typeof ResizeObserver === "function" ? new ResizeObserver(later) : null;
        var watching = setInterval(function () {
            var root = document.querySelector('[data-sno-node="' + nodeId + '"]');
            if (root && observer) {
                observer.observe(root);
                clearInterval(watching);
            }
        }, 100);
        scope.$on("$destroy", function () {
            window.removeEventListener("resize", later);
            clearInterval(watching);
            if (observer) observer.disconnect();
            if (fitTimer !== null) clearTimeout(fitTimer);
        });
    }`;

function header(nodeId: string, autoHeight: boolean): string {
    return `    var nodeId = ${JSON.stringify(nodeId)};
    var autoHeight = ${autoHeight ? "true" : "false"};`;
}

/** The printers widget's controller: it only fits the widget to its content. */
export function printerController(nodeId: string, autoHeight: boolean): string {
    return `function (scope) {
${header(nodeId, autoHeight)}${FIT}
}`;
}

/**
 * The Wi-Fi widget's controller: the viewer's sort and filter (viewClients, table.ts, whose source
 * is carried here), and the fit. The server's order (by AP, then name) is the default.
 */
export function wifiController(nodeId: string, autoHeight: boolean): string {
    return `function (scope) {
${header(nodeId, autoHeight)}
    var viewClients = ${viewClients.toString()};
    var keys = ${JSON.stringify(SORT_KEYS)};
    scope.sort = { key: "ap", reverse: false };
    scope.ui = { query: "" };
    scope.table = { rows: [], matched: 0 };
    function refresh() {
        var p = scope.msg && scope.msg.payload;
        scope.table = p && p.clients
            ? viewClients(p.clients, scope.ui.query, scope.sort.key, scope.sort.reverse, p.maxRows)
            : { rows: [], matched: 0 };
    }
    scope.$watchGroup(["msg", "ui.query", "sort.key", "sort.reverse"], refresh);
    scope.sortBy = function (key) {
        if (keys.indexOf(key) === -1) return;
        if (scope.sort.key === key) {
            scope.sort.reverse = !scope.sort.reverse;
        } else {
            scope.sort.key = key;
            scope.sort.reverse = false;
        }
    };
    scope.arrow = function (key) {
        return scope.sort.key === key ? (scope.sort.reverse ? "\\u25BC" : "\\u25B2") : "";
    };
    scope.ariaSort = function (key) {
        return scope.sort.key === key ? (scope.sort.reverse ? "descending" : "ascending") : "none";
    };${FIT}
}`;
}
