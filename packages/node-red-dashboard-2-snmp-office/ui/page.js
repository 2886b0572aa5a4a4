// What both components do with Dashboard 2: follow the widget's messages (a new view each time),
// ask for the last one when they appear (a tab opened later, or after a reconnect), and read the
// page labels the server node passed in its props.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function two(n) {
    return String(n).padStart(2, "0");
}

/** "21 Nov 09:00:00" in the browser's time zone, as node-red-dashboard's widgets write it. */
export function shortTime(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return "";
    return `${d.getDate()} ${MONTHS[d.getMonth()]} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export const widgetMixin = {
    inject: ["$socket"],
    props: {
        id: { type: String, required: true },
        props: { type: Object, default: () => ({}) },
        state: { type: Object, default: () => ({}) },
    },
    data() {
        return { view: null };
    },
    created() {
        this.$socket.on(`msg-input:${this.id}`, this.onView);
        this.$socket.on(`widget-load:${this.id}`, this.onView);
        this.$socket.on("connect", this.askForView);
        this.askForView();
    },
    unmounted() {
        this.$socket.off(`msg-input:${this.id}`, this.onView);
        this.$socket.off(`widget-load:${this.id}`, this.onView);
        this.$socket.off("connect", this.askForView);
    },
    methods: {
        askForView() {
            this.$socket.emit("widget-load", this.id);
        },
        onView(msg) {
            const view = msg && msg.payload;
            if (view && typeof view === "object" && !Array.isArray(view)) this.view = view;
        },
        label(key) {
            const labels = (this.props && this.props.labels) || {};
            return typeof labels[key] === "string" ? labels[key] : key;
        },
        shortTime,
    },
};
