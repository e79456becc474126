/* Begrotingslab: the long tables of a report (class "bl-interactive") become sortable on every column,
   searchable and paged, with DataTables (datatables.js beside this file, loaded first; README.md). Nothing is
   fetched from the network; without DataTables the tables stay as they are. */
(function () {
  "use strict";
  var NL = {
    search: "Zoeken in de tabel:", lengthMenu: "_MENU_ rijen per pagina", entries: {_: "rijen", 1: "rij"},
    info: "Rij _START_ tot en met _END_ van _TOTAL_", infoEmpty: "Geen rijen", infoFiltered: "(gefilterd uit _MAX_)",
    zeroRecords: "Niets gevonden", emptyTable: "Geen gegevens",
    paginate: {first: "Eerste pagina", previous: "Vorige pagina", next: "Volgende pagina", last: "Laatste pagina"},
    aria: {orderable: ": sorteer op deze kolom", orderableReverse: ": sorteer omgekeerd",
           paginate: {first: "Eerste pagina", previous: "Vorige pagina", next: "Volgende pagina", last: "Laatste pagina"}}
  };
  function start() {
    var DataTable = window.DataTable;
    if (!DataTable) { return; }
    document.querySelectorAll("table.bl-interactive").forEach(function (table) {
      new DataTable(table, {pageLength: 25, lengthMenu: [10, 25, 50, 100, 500], order: [], autoWidth: false,
                            language: NL});
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
