// Offers every table of the page as CSV and XLSX: a link to this page's own address with export=csv|xlsx and the
// table's id (or its number among the page's tables, as the server counts them in the same HTML). Tables that arrive
// later (htmx) are not offered here; the ones that need it carry their own download link.
document.addEventListener('DOMContentLoaded', function () {
    var tables = Array.prototype.slice.call(document.querySelectorAll('table'));
    tables.forEach(function (table, index) {
        if (!table.querySelector('tbody tr') || table.closest('[data-export="none"]')) return;
        var key = table.id || String(index);
        var heading = nearestHeading(table);
        var bar = document.createElement('p');
        bar.className = 'table-export';
        bar.appendChild(document.createTextNode('Download '));
        ['csv', 'xlsx'].forEach(function (format, i) {
            if (i > 0) bar.appendChild(document.createTextNode(' · '));
            var params = new URLSearchParams(window.location.search);
            params.set('export', format);
            params.set('table', key);
            var link = document.createElement('a');
            link.href = window.location.pathname + '?' + params.toString();
            link.textContent = format.toUpperCase();
            link.setAttribute('aria-label', 'Download ' + (heading ? heading + ' ' : 'this table ') + 'as ' + format.toUpperCase());
            link.setAttribute('download', '');
            bar.appendChild(link);
        });
        var wrapper = table.parentElement && table.parentElement.classList.contains('scroll-x') ? table.parentElement : table;
        wrapper.parentElement.insertBefore(bar, wrapper);
    });

    function nearestHeading(table) {
        for (var node = table; node && node !== document.body; node = node.parentElement) {
            var heading = node.querySelector && node.querySelector('h2, h3');
            if (heading && heading.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING) return heading.textContent.trim();
        }
        return null;
    }
});
