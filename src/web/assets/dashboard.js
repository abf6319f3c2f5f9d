// Draws the dashboard charts from the JSON the server embedded (labels and counts, already escaped as data).
// Categories are horizontal bars (long registry/country names stay readable on a phone); months are a line.
(function () {
  var el = document.getElementById('chart-data');
  if (!el || !window.Chart) return;
  var charts = JSON.parse(el.textContent);
  var colour = '#0b5cad';
  charts.forEach(function (c, i) {
    var canvas = document.getElementById('c' + i);
    if (!canvas || !c.values.length) return;
    var bar = c.kind === 'bar';
    if (bar) canvas.parentNode.style.height = Math.max(160, 26 * c.labels.length + 50) + 'px';
    var count = { beginAtZero: true, ticks: { precision: 0 } };
    new window.Chart(canvas, {
      type: c.kind,
      data: { labels: c.labels, datasets: [{ label: 'Registrations', data: c.values, backgroundColor: colour, borderColor: colour, tension: 0, pointRadius: 2 }] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        indexAxis: bar ? 'y' : 'x',
        plugins: { legend: { display: false } },
        scales: bar ? { x: count, y: { ticks: { autoSkip: false } } } : { x: { ticks: { autoSkip: true, maxRotation: 0 } }, y: count },
      },
    });
  });
})();
