// Draws the KPI tree from the nodes the server put in data-chart; a click on a metric opens its page.
(function () {
    var colours = {GREEN: '#2e8b57', AMBER: '#d49a1f', RED: '#c0392b', NONE: '#7a8699', NO_DATA: '#7a8699', AREA: '#2f5bd3'};
    function paint(node) {
        node.itemStyle = {color: colours[node.status] || '#7a8699', borderColor: colours[node.status] || '#7a8699'};
        (node.children || []).forEach(paint);
        return node;
    }
    function draw() {
        var element = document.getElementById('tree-chart');
        if (!element || !window.echarts) return;
        var root = paint(JSON.parse(element.dataset.chart));
        var chart = echarts.init(element, null, {renderer: 'svg'});
        chart.setOption({
            animation: false,
            series: [{
                type: 'tree', data: [root], orient: 'LR', top: 16, bottom: 16, left: 80, right: 330,
                symbolSize: 12, initialTreeDepth: -1, expandAndCollapse: false,
                // A branch's label above its node, clear of the lines to its children; a leaf's to its right.
                label: {position: 'top', verticalAlign: 'bottom', align: 'center', distance: 6, fontSize: 13,
                    backgroundColor: 'rgba(255,255,255,.85)', padding: [1, 3]},
                leaves: {label: {position: 'right', verticalAlign: 'middle', align: 'left'}},
                lineStyle: {color: '#b9c2d0', width: 1.5}
            }]
        });
        chart.on('click', function (p) { if (p.data && p.data.href) location.href = p.data.href; });
        window.addEventListener('resize', function () { chart.resize(); });
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
