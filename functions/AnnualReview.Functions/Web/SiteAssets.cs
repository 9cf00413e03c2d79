namespace AnnualReview.Functions.Web;

/// <summary>
/// The style sheet and the small script. The script only enhances: every rule it shows (the proposed level, the
/// quota meter) is checked again on the server, and every page works without it.
/// </summary>
public static class SiteAssets
{
    public const string Css = """
        :root { --ink:#1a1a1a; --muted:#4a4a4a; --line:#c8c8c8; --bg:#fff; --brand:#8b0000; --ok:#1b5e20; --warn:#7a4f00; --bad:#a00000; --focus:#0b57d0; }
        * { box-sizing: border-box; }
        body { margin:0; font: 16px/1.5 system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; color:var(--ink); background:var(--bg); }
        a { color:#0a4aa8; }
        :focus-visible { outline:3px solid var(--focus); outline-offset:2px; }
        .sr { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
        dl.task dt { font-weight:600; } dl.task dd { margin:0 0 .4rem; }
        .skip { position:absolute; left:-999px; } .skip:focus { left:8px; top:8px; background:#fff; padding:4px; z-index:9; }
        header.top { display:flex; flex-wrap:wrap; gap:.5rem 1rem; align-items:center; padding:.5rem 1rem; background:var(--brand); color:#fff; }
        header.top a, header.top .who, header.top button.link { color:#fff; }
        .brand { font-weight:700; text-decoration:none; margin-right:auto; }
        nav ul { list-style:none; display:flex; flex-wrap:wrap; gap:.25rem 1rem; margin:0; padding:.5rem 1rem; border-bottom:1px solid var(--line); }
        nav a[aria-current] { font-weight:700; }
        main { padding:1rem; max-width:72rem; margin:0 auto; }
        h1 { font-size:1.5rem; margin:.25rem 0 1rem; } h2 { font-size:1.2rem; margin-top:1.5rem; }
        form.inline { display:inline; }
        button, .button { font:inherit; padding:.5rem 1rem; border:1px solid var(--brand); background:var(--brand); color:#fff; border-radius:4px; cursor:pointer; text-decoration:none; display:inline-block; }
        button.secondary { background:#fff; color:var(--brand); }
        button.link { background:none; border:none; padding:0; text-decoration:underline; }
        label { display:block; font-weight:600; margin-top:.75rem; }
        input, select, textarea { font:inherit; padding:.4rem; border:1px solid #767676; border-radius:4px; max-width:100%; }
        textarea { width:100%; min-height:5rem; }
        input[type=number] { width:5rem; }
        fieldset { border:1px solid var(--line); margin:1rem 0; padding:.5rem 1rem 1rem; } legend { font-weight:700; }
        .field-error, .error { color:var(--bad); font-weight:600; display:block; }
        .notice { border-left:4px solid var(--ok); padding:.5rem 1rem; background:#eef7ee; }
        #offline-status:empty { display:none; } #offline-status[data-state=waiting] { border-left-color:#b8860b; background:#fff8e1; }
        .warning { border-left:4px solid var(--bad); padding:.5rem 1rem; background:#fdecec; }
        /* relative: the visually hidden labels in its cells (position:absolute) stay inside it instead of widening the page on a phone */
        .table-wrap { overflow-x:auto; position:relative; }
        table { border-collapse:collapse; width:100%; margin:.5rem 0; }
        th, td { border-bottom:1px solid var(--line); padding:.35rem .5rem; text-align:left; vertical-align:top; }
        th { background:#f3f3f3; }
        td.num, th.num { text-align:right; }
        .muted { color:var(--muted); }
        .badge { display:inline-block; padding:0 .4rem; border-radius:3px; font-size:.85em; border:1px solid currentColor; }
        .st-done { color:var(--ok); } .st-progress { color:var(--warn); } .st-none { color:var(--muted); } .st-late { color:var(--bad); }
        tr.changed td { background:#fff6d6; } del { color:var(--muted); }
        code { overflow-wrap:anywhere; }
        @media (max-width: 600px) { #timeline .raw { display:none; } }
        .meter { display:inline-block; min-width:10rem; } .meter.broken { color:var(--bad); font-weight:700; }
        .tree ul { list-style:none; padding-left:1.25rem; border-left:1px dotted var(--line); }
        .tree li { margin:.25rem 0; }
        .intact { color:var(--ok); font-weight:700; } .broken { color:var(--bad); font-weight:700; }
        .persona { margin:.25rem 0; }
        pre { white-space:pre-wrap; word-break:break-all; font-size:.85em; margin:0; }
        .timeline { display:flex; flex-wrap:wrap; gap:.5rem; padding:0; list-style:none; }
        .timeline li { border:1px solid var(--line); padding:.25rem .5rem; border-radius:4px; }
        .timeline li.today { border-color:var(--brand); font-weight:700; }
        @media (max-width: 600px) { main { padding:.5rem; } th, td { padding:.25rem; font-size:.95em; } h1 { font-size:1.3rem; } }
        """;

    public const string Script = """
        (function () {
          'use strict';
          function reached(t, votes, basis) { var l = votes * t[1], r = t[0] * basis; return t[2] ? l >= r : l > r; }
          function parseThreshold(s) { var p = s.split(','); return [+p[0], +p[1], p[2] === '1']; }
          function num(el) { var v = parseInt(el && el.value, 10); return isNaN(v) || v < 0 ? 0 : v; }
          // The cell meeting: the level each tally proposes, computed as the secretary types (the server computes it again).
          var meeting = document.getElementById('meeting-form');
          if (meeting) {
            var ex = parseThreshold(meeting.dataset.excellent), good = parseThreshold(meeting.dataset.good), comp = parseThreshold(meeting.dataset.completed);
            var update = function () {
              var basis = num(document.getElementById(meeting.dataset.basis === 'present' ? 'present' : 'convened'));
              meeting.querySelectorAll('tr[data-member]').forEach(function (row) {
                var v = row.querySelectorAll('input[name^="t."]');
                var e = num(v[0]), g = e + num(v[1]), c = g + num(v[2]);
                var out = row.querySelector('output');
                var byPoints = pointsLevel(row);
                if (byPoints) { out.textContent = meeting.dataset['l' + byPoints]; return; }
                if (basis <= 0 || e + num(v[1]) + num(v[2]) + num(v[3]) === 0) { out.textContent = '—'; return; }
                var level = reached(ex, e, basis) ? 'excellent' : reached(good, g, basis) ? 'good' : reached(comp, c, basis) ? 'completed' : 'notcompleted';
                out.textContent = meeting.dataset['l' + level];
              });
            };
            // Points typed instead of votes (rule sets that score points): the first band, top down, whose minimum and
            // conditions hold, as PointsRating decides; shares are typed as percentages.
            var bands = meeting.dataset.bands ? JSON.parse(meeting.dataset.bands) : [];
            var pointsLevel = function (row) {
              var groups = row.querySelectorAll('input[name^="p."]'), total = 0, any = false;
              groups.forEach(function (el) { if (el.value !== '') { any = true; total += parseFloat(el.value) || 0; } });
              if (!any) return null;
              var share = function (key) { var el = row.querySelector('input[name$=".' + key + '"][name^="s."]'); return el && el.value !== '' ? parseFloat(el.value) / 100 : NaN; };
              var metrics = { TasksOnTimeShare: share('onTime'), TasksExceedingShare: share('exceeding'), ShortcomingsFixedShare: share('fixed') };
              metrics.TasksBehindScheduleShare = 1 - metrics.TasksOnTimeShare;
              for (var i = 0; i < bands.length; i++) {
                var b = bands[i];
                if (total < b.min) continue;
                var met = b.req.every(function (q) { var x = metrics[q.metric]; return (q.min === null || x >= q.min) && (q.max === null || x <= q.max); });
                if (met) return b.level.toLowerCase();
              }
              return 'notcompleted';
            };
            meeting.addEventListener('input', update);
            update();
          }
          // The appraisal: the quota meter per group follows the decisions as they change.
          var appraisal = document.getElementById('appraisal-form');
          if (appraisal) {
            var share = parseFloat(appraisal.dataset.share);
            var recount = function () {
              var groups = {};
              appraisal.querySelectorAll('tr[data-group]').forEach(function (row) {
                var sel = row.querySelector('select');
                var g = groups[row.dataset.group] || (groups[row.dataset.group] = { e: 0, g: 0 });
                if (sel.value === 'Excellent') g.e++;
                if (sel.value === 'Good') g.g++;
                row.classList.toggle('changed', sel.value !== row.dataset.proposed);
              });
              document.querySelectorAll('[data-meter]').forEach(function (m) {
                var g = groups[m.dataset.meter] || { e: 0, g: 0 };
                var max = Math.floor(share * g.g + 1e-9);
                m.querySelector('.e').textContent = g.e;
                m.querySelector('.max').textContent = max;
                m.querySelector('.good').textContent = g.g;
                var meter = m.querySelector('meter');
                meter.max = Math.max(1, max, g.e);
                meter.low = max;
                meter.high = max;
                meter.value = g.e;
                var move = m.querySelector('.move');
                move.hidden = g.e <= max;
                move.querySelector('.n').textContent = Math.max(0, g.e - max);
                m.classList.toggle('broken', g.e > max);
              });
            };
            appraisal.addEventListener('change', recount);
            recount();
          }
          // The self-review: the draft saves itself a moment after the member stops typing (files are sent only on submit).
          // getAttribute, since the buttons named "action" shadow form.action.
          var review = document.getElementById('review-form');
          if (review && window.fetch && window.FormData) {
            var timer, saved = document.getElementById('autosave-status');
            review.addEventListener('input', function (e) {
              if (e.target.type === 'file') return;
              clearTimeout(timer);
              timer = setTimeout(function () {
                var data = new FormData(review);
                data.delete('attachments');
                data.set('action', 'draft');
                fetch(review.getAttribute('action'), { method: 'POST', body: data, credentials: 'same-origin' }).then(function (r) {
                  if (saved && r.ok) saved.textContent = saved.dataset.saved + ' ' + new Date().toLocaleTimeString();
                });
              }, 1200);
            });
          }
        })();
        """;

    /// <summary>The tab icon: a yellow star on the party's red, drawn as SVG so it is sharp at every size.</summary>
    public const string Favicon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="5" fill="#8b0000"/><path fill="#ffd700" d="M16 5l3.1 9.5H29l-8 5.8 3.1 9.5-8.1-5.9-8.1 5.9 3.1-9.5-8-5.8h9.9z"/></svg>
        """;
}
