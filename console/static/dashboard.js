// Draws the dashboard's charts from the JSON the page carries (no inline script: CSP).
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var charts = JSON.parse(source.textContent);
  var palette = ["#2563eb", "#16a34a", "#dc2626", "#d97706", "#7c3aed", "#0891b2",
                 "#db2777", "#65a30d", "#475569", "#ea580c"];
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var spec = charts[canvas.getAttribute("data-chart")];
    if (!spec) { return; }
    var datasets = spec.datasets.map(function (d, i) {
      var colour = palette[i % palette.length];
      return {
        label: d.label, data: d.data, backgroundColor: colour, borderColor: colour,
        spanGaps: true, pointRadius: 2, tension: 0.2
      };
    });
    var horizontal = !!spec.horizontal;
    new Chart(canvas, {
      type: spec.kind,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { stacked: !!spec.stacked, beginAtZero: true,
               ticks: { maxRotation: 0, autoSkip: true, precision: horizontal ? 0 : undefined } },
          y: { stacked: !!spec.stacked, beginAtZero: true,
               ticks: { precision: spec.integer ? 0 : undefined } }
        },
        plugins: { legend: { position: "bottom" } }
      }
    });
    canvas.setAttribute("data-rendered", "true");
  });
})();
