// Draws the dashboard charts from the JSON the server embedded (labels and counts, already escaped as data).
(function () {
  var el = document.getElementById('chart-data');
  if (!el || !window.Chart) return;
  var charts = JSON.parse(el.textContent);
  var colour = '#0b5cad';
  charts.forEach(function (c, i) {
    var canvas = document.getElementById('c' + i);
    if (!canvas || !c.values.length) return;
    new window.Chart(canvas, {
      type: c.kind,
      data: { labels: c.labels, datasets: [{ label: 'Registrations', data: c.values, backgroundColor: colour, borderColor: colour, tension: 0.2, pointRadius: 2 }] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        indexAxis: c.kind === 'bar' && c.labels.length > 8 ? 'y' : 'x',
        plugins: { legend: { display: false } },
        scales: { x: { ticks: { autoSkip: true, maxRotation: 0 } }, y: { beginAtZero: true, ticks: { autoSkip: false } } },
      },
    });
  });
})();
