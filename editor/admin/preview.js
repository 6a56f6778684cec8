/* The editor's preview pane: the page being edited, built by our own plugin in the site's
 * theme (POST /api/preview), with the offending words marked and a banner that leads with each
 * finding's fix. It updates as the marketer types (debounced; the newest answer wins).
 *
 * Decap CMS renders this component inside the preview iframe; the site's stylesheet and
 * preview.css are registered as preview styles so the page looks as it will on the site.
 */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  if (!CMS || !h || !createClass) {
    document.body.insertAdjacentHTML(
      "afterbegin",
      "<p>The editor did not load: run <code>invoke edit</code> again.</p>"
    );
    return;
  }
  var DELAY_MS = 300;
  // The page text opens in Markdown (raw) mode unless the marketer chose otherwise: the rich
  // text editor rewrites some Markdown, such as the [^id] citations of the evidence register.
  try {
    if (!localStorage.getItem("cms.md-mode")) localStorage.setItem("cms.md-mode", "raw");
  } catch (e) { /* storage disabled: the CMS's own default applies */ }

  function payload(props) {
    var entry = props.entry;
    return JSON.stringify({
      collection: props.collection.get("name"),
      slug: entry.get("slug") || "",
      data: entry.get("data").toJS(),
    });
  }

  function pageBody(html) {
    // The built page is a whole document; the pane shows its body (the banner, the header,
    // the page, the footer). Links are made inert: the pane is not for browsing the site.
    var doc = new DOMParser().parseFromString(html, "text/html");
    doc.querySelectorAll("script").forEach(function (s) { s.remove(); });
    doc.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (href.charAt(0) !== "#") { a.setAttribute("data-href", href); a.removeAttribute("href"); }
    });
    // Few findings: show each fix in full at once.
    var groups = doc.querySelectorAll("#build-findings details");
    if (groups.length <= 4) groups.forEach(function (d) { d.setAttribute("open", ""); });
    return doc.body ? doc.body.innerHTML : "";
  }

  var ClinicPreview = createClass({
    getInitialState: function () {
      return { html: "", status: "checking", problems: [], error: "" };
    },
    componentDidMount: function () { this.schedule(); },
    componentDidUpdate: function (prev) {
      if (prev.entry !== this.props.entry) this.schedule();
    },
    componentWillUnmount: function () {
      clearTimeout(this.timer);
      if (this.request) this.request.abort();
      this.gone = true;
    },
    schedule: function () {
      var self = this;
      var body = payload(this.props);
      if (body === this.sent) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(function () { self.check(body); }, DELAY_MS);
    },
    check: function (body) {
      var self = this;
      this.sent = body;
      if (this.request) this.request.abort();
      var request = (this.request = new AbortController());
      this.setState({ status: "checking" });
      fetch("/api/preview", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: body,
        signal: request.signal,
      })
        .then(function (r) {
          if (r.status === 404 || r.status === 405 || r.status === 501) {
            // A static host has no preview server (hosted editing): CI checks the pull request.
            if (!self.gone) self.setState({ status: "hosted" });
            return null;
          }
          return r.json();
        })
        .then(function (result) {
          if (!result || self.gone || request !== self.request || result.superseded) return;
          self.setState({
            html: pageBody(result.html || ""),
            problems: result.problems || [],
            status: "ready",
            error: result.html ? "" : "The page could not be built; see the problems below.",
          });
        })
        .catch(function (e) {
          if (e.name !== "AbortError" && !self.gone) {
            self.setState({ status: "error", error: "The preview server did not answer (" + e.message + "). Is `invoke edit` still running?" });
          }
        });
    },
    render: function () {
      var s = this.state;
      var errors = s.problems.filter(function (p) { return p.severity === "error"; }).length;
      var warnings = s.problems.length - errors;
      if (s.status === "hosted") {
        var entry = this.props.entry;
        return h("div", { className: "clinic-preview" }, [
          h("p", { key: "status", className: "clinic-preview__status", role: "status", "data-state": "hosted" },
            "Findings are checked when you save: the pull request's checks list them."),
          h("main", { key: "page", className: "clinic-preview__page wrap" }, [
            h("h1", { key: "t" }, entry.getIn(["data", "title"]) || ""),
            h("p", { key: "s" }, entry.getIn(["data", "summary"]) || ""),
            h("div", { key: "b" }, this.props.widgetFor("body")),
          ]),
        ]);
      }
      var status =
        s.status === "checking" ? "Checking…" :
        s.status === "error" ? s.error :
        errors + warnings === 0 ? "No findings: ready for a reviewer." :
        errors + " error(s), " + warnings + " warning(s): the fixes are at the top of the page.";
      var children = [
        h("p", { key: "status", className: "clinic-preview__status", role: "status", "data-state": s.status, "data-errors": String(errors) }, status),
      ];
      if (s.error && s.status !== "error") {
        children.push(h("p", { key: "err", className: "clinic-preview__error" }, s.error));
      }
      if (!s.html && s.problems.length) {
        children.push(h("ul", { key: "list", className: "clinic-preview__problems" },
          s.problems.map(function (p, i) {
            return h("li", { key: i }, (p.line ? "Line " + p.line + ": " : "") + p.message + (p.fix ? " — " + p.fix : ""));
          })));
      }
      children.push(h("div", { key: "page", className: "clinic-preview__page", dangerouslySetInnerHTML: { __html: s.html } }));
      return h("div", { className: "clinic-preview" }, children);
    },
  });

  CMS.registerPreviewStyle("theme/css/site.css");
  CMS.registerPreviewStyle("preview.css");
  ["treatments", "pages", "sign-off"].forEach(function (name) {
    CMS.registerPreviewTemplate(name, ClinicPreview);
  });
})();
