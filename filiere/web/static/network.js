// The network page: Cytoscape.js draws the graph the page's .json twin returns; a node can be
// expanded with its heaviest neighbours; PNG through cy.png(), GEXF from the server.
(function () {
  "use strict";
  var box = document.getElementById("cy");
  if (!box || typeof cytoscape === "undefined") { return; }
  var selection = document.getElementById("net-selection");
  var expand = document.getElementById("net-expand");
  var colourBy = document.getElementById("colour-by");
  var legend = document.getElementById("net-legend");
  var count = document.getElementById("net-count");
  var roleNames = JSON.parse(selection.getAttribute("data-roles"));
  var ROLE = { advertiser: "#d97706", dispatcher: "#dc2626", courier: "#059669", customer: "#2563eb",
               supplier: "#7c3aed", front: "#6b7280" };
  var PALETTE = ["#1d4ed8", "#b91c1c", "#047857", "#b45309", "#6d28d9", "#0e7490", "#be185d", "#4d7c0f",
                 "#334155", "#a16207"];
  var EDGE = { message: "#64748b", call: "#0e7490", sms: "#0891b2", advertises: "#d97706", handoff: "#dc2626",
               same_device: "#7c3aed", colocation: "#16a34a" };
  var selected = null;

  function colour(node) {
    if (colourBy.value === "community") {
      var c = node.data("community");
      return c === null || c === undefined ? "#94a3b8" : PALETTE[Math.abs(c) % PALETTE.length];
    }
    return ROLE[node.data("role")] || "#94a3b8";
  }

  var cy = cytoscape({
    container: box,
    style: [
      { selector: "node", style: { "background-color": colour, "label": "data(label)", "font-size": "mapData(size, 14, 54, 10, 16)", "font-weight": 600,
        "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2, "z-index": 10,
        "color": "#1e293b", "text-valign": "bottom", "text-margin-y": 3, "width": "data(size)", "height": "data(size)",
        "border-width": 1, "border-color": "#ffffff" } },
      // Small nodes keep their label for when they are selected: a hundred phone numbers overlap.
      { selector: "node[labelled = 0]", style: { "label": "", "z-index": 1 } },
      { selector: "node:selected", style: { "label": "data(label)", "border-width": 3, "border-color": "#1e293b" } },
      { selector: "edge", style: { "width": "data(width)", "line-color": function (e) { return EDGE[e.data("kind")] || "#94a3b8"; },
        "opacity": 0.6, "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.6,
        "target-arrow-color": function (e) { return EDGE[e.data("kind")] || "#94a3b8"; } } }
    ]
  });

  function sizes() {
    var top = 0;
    cy.nodes().forEach(function (n) { top = Math.max(top, n.data("score") || 0); });
    cy.nodes().forEach(function (n) {
      var s = n.data("score") || 0;
      n.data("size", 14 + 40 * Math.sqrt(top > 0 ? s / top : 0));
      // Only the leading actors are named on the graph; the others when selected.
      n.data("labelled", cy.nodes().length <= 30 || (top > 0 && s / top >= 0.08) ? 1 : 0);
    });
  }

  function add(graph) {
    var elements = [];
    graph.nodes.forEach(function (n) {
      if (cy.getElementById("n" + n.id).empty()) {
        elements.push({ group: "nodes", data: { id: "n" + n.id, actor: n.id, label: n.label, role: n.role,
          community: n.community, score: n.score, kind: n.kind, size: 20 } });
      }
    });
    graph.edges.forEach(function (e) {
      var id = "e" + e.source + "-" + e.target + "-" + e.kind;
      if (cy.getElementById(id).empty()) {
        elements.push({ group: "edges", data: { id: id, source: "n" + e.source, target: "n" + e.target,
          kind: e.kind, count: e.count, width: 1 + Math.min(8, Math.log(1 + e.count)) } });
      }
    });
    cy.add(elements);
    sizes();
    cy.style().update();
    cy.layout({ name: "cose", animate: false, nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 80; },
                randomize: false, fit: true, padding: 30 }).run();
    count.textContent = cy.nodes().length + " / " + cy.edges().length;
    box.setAttribute("data-ready", "1");
  }

  function drawLegend() {
    legend.textContent = "";
    var entries = colourBy.value === "role" ? Object.keys(ROLE).map(function (k) { return [roleNames[k] || k, ROLE[k]]; })
      : PALETTE.map(function (c, i) { return ["#" + i, c]; });
    entries.forEach(function (entry) {
      var li = document.createElement("li");
      var dot = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      dot.setAttribute("width", "12"); dot.setAttribute("height", "12");
      var circle = document.createElementNS("http://www.w3.org/2000/svg", "circle");
      circle.setAttribute("cx", "6"); circle.setAttribute("cy", "6"); circle.setAttribute("r", "5");
      circle.setAttribute("fill", entry[1]);
      dot.appendChild(circle);
      li.appendChild(dot);
      li.appendChild(document.createTextNode(entry[0]));
      legend.appendChild(li);
    });
  }

  function load(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); });
  }

  function showSelection(node) {
    selection.textContent = "";
    var title = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = node.data("label");
    title.appendChild(strong);
    selection.appendChild(title);
    var role = document.createElement("p");
    role.textContent = selection.getAttribute("data-role") + " : " + (roleNames[node.data("role")] || node.data("role") || "—");
    selection.appendChild(role);
    var score = document.createElement("p");
    score.textContent = selection.getAttribute("data-score") + " : " + (node.data("score") === null || node.data("score") === undefined ? "—" : Number(node.data("score")).toPrecision(3));
    selection.appendChild(score);
    var open = document.createElement("a");
    open.href = "/cases/" + box.getAttribute("data-case") + "/actors/" + node.data("actor");
    open.textContent = selection.getAttribute("data-open");
    selection.appendChild(open);
  }

  cy.on("tap", "node", function (event) {
    selected = event.target;
    expand.disabled = false;
    showSelection(selected);
  });

  expand.addEventListener("click", function () {
    if (!selected) { return; }
    var url = new URL(box.getAttribute("data-src"), window.location.href);
    url.searchParams.set("focus", selected.data("actor"));
    expand.disabled = true;
    load(url.toString()).then(function (graph) { add(graph); expand.disabled = false; })
      .catch(function () { expand.disabled = false; });
  });

  colourBy.addEventListener("change", function () { cy.style().update(); drawLegend(); });
  document.getElementById("net-fit").addEventListener("click", function () { cy.fit(undefined, 30); });
  document.getElementById("net-png").addEventListener("click", function () {
    var blob = cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = box.getAttribute("data-case") + "-network.png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  window.filiereNetwork = cy;  // reachable from the browser console (and the browser tests)
  drawLegend();
  load(box.getAttribute("data-src")).then(function (graph) {
    if (!graph.nodes.length) {
      var p = document.createElement("p");
      p.className = "empty";
      p.textContent = box.getAttribute("data-empty");
      box.appendChild(p);
    }
    add(graph);
  }).catch(function (error) { count.textContent = String(error); });
}());
