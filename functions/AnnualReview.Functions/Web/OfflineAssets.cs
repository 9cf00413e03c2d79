namespace AnnualReview.Functions.Web;

/// <summary>
/// What lets a member far from a connection fill in the self-review on a phone: a web app manifest (the page can
/// be installed), a service worker that keeps the pages a member opened and serves them offline, and a script
/// that keeps the form on the device as it is typed and sends it when the connection returns, once: the form's
/// request token travels with it, so a second send of the same draft is the same request.
/// </summary>
public static class OfflineAssets
{
    public const string ManifestPath = WebUi.Root + "/manifest.webmanifest";
    public const string WorkerPath = WebUi.Root + "/sw.js";
    public const string ScriptPath = WebUi.Root + "/offline.js";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(ManifestPath, () => Results.Text(Manifest, "application/manifest+json; charset=utf-8"));
        app.MapGet(WorkerPath, (HttpContext http) =>
        {
            // Always the newest worker: a cached old one would keep serving old pages.
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Text(Worker, "text/javascript; charset=utf-8");
        });
        app.MapGet(ScriptPath, () => Results.Text(Script, "text/javascript; charset=utf-8"));
    }

    public const string Manifest = """
        {
          "name": "Kiểm điểm, đánh giá, xếp loại đảng viên",
          "short_name": "Kiểm điểm",
          "lang": "vi",
          "start_url": "/web/review",
          "scope": "/web/",
          "display": "standalone",
          "background_color": "#ffffff",
          "theme_color": "#8b0000",
          "icons": [{ "src": "/web/favicon.svg", "sizes": "any", "type": "image/svg+xml" }]
        }
        """;

    /// <summary>
    /// Pages are fetched from the network first and kept; without a network the kept copy is served (the
    /// self-review page by its path, whatever its query). Posts are never touched: the page script holds them.
    /// </summary>
    public const string Worker = """
        const CACHE = 'annualreview-v1';
        const SHELL = ['/web/site.css', '/web/site.js', '/web/offline.js', '/web/favicon.svg', '/web/manifest.webmanifest'];
        self.addEventListener('install', event => {
          event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
        });
        self.addEventListener('activate', event => {
          event.waitUntil(self.clients.claim());
        });
        self.addEventListener('fetch', event => {
          const request = event.request;
          const url = new URL(request.url);
          if (request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/web/')) return;
          event.respondWith(
            fetch(request).then(response => {
              if (response.ok && response.type === 'basic') {
                const copy = response.clone();
                caches.open(CACHE).then(cache => cache.put(request, copy));
              }
              return response;
            }).catch(() => caches.open(CACHE).then(cache =>
              cache.match(request).then(hit => hit || cache.match(request, { ignoreSearch: true }))
                .then(hit => hit || new Response('Không có mạng / Offline', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } }))))
          );
        });
        """;

    /// <summary>
    /// The self-review on the device: every change is kept in the browser's storage under the cycle; a submit
    /// without a connection is kept as waiting and sent when the browser is online again (and at the next page
    /// load); the state is shown in words. Attachments cannot wait on the device: they go with an online submit.
    /// </summary>
    public const string Script = """
        (function () {
          if ('serviceWorker' in navigator) {
            navigator.serviceWorker.register('/web/sw.js', { scope: '/web/' }).catch(function () {});
          }
          var form = document.getElementById('review-form');
          var status = document.getElementById('offline-status');
          if (!form || !status || !window.localStorage || !window.fetch) return;
          var key = 'ar.review.' + (form.dataset.cycle || '') + '.' + (form.dataset.member || '');
          var text = function (name) { return status.dataset[name] || ''; };
          var show = function (message, state) { status.textContent = message; status.dataset.state = state; };
          var read = function () { try { return JSON.parse(localStorage.getItem(key) || 'null'); } catch (e) { return null; } };
          var fields = function () {
            var values = {};
            new FormData(form).forEach(function (value, name) { if (typeof value === 'string') values[name] = value; });
            return values;
          };
          var keep = function (pending) {
            localStorage.setItem(key, JSON.stringify({ fields: fields(), pending: pending, savedAt: new Date().toISOString() }));
          };
          var restore = function (stored) {
            Object.keys(stored.fields).forEach(function (name) {
              form.querySelectorAll('[name="' + name + '"]').forEach(function (field) {
                if (field.type === 'radio') field.checked = field.value === stored.fields[name];
                else if (field.type !== 'hidden' || name === form.dataset.tokenField) field.value = stored.fields[name];
              });
            });
          };
          var sending = false;
          var send = function () {
            var stored = read();
            if (sending || !stored || !stored.pending || !navigator.onLine) return;
            sending = true;
            show(text('sending'), 'sending');
            var body = new FormData();
            Object.keys(stored.fields).forEach(function (name) { body.append(name, stored.fields[name]); });
            body.set('action', 'submit');
            fetch(form.getAttribute('action'), { method: 'POST', body: body, credentials: 'same-origin' }).then(function (response) {
              if (response.ok && response.url.indexOf('submitted=') >= 0) {
                localStorage.removeItem(key);
                show(text('sent') + ' ' + new Date().toLocaleTimeString('vi-VN') + ' ' + new Date().toLocaleDateString('vi-VN'), 'sent');
                window.location.assign(response.url);
              } else if (response.ok) {
                // Refused (a rule, a closed step): the server's page says why; the typed text stays on the device.
                stored.pending = false;
                localStorage.setItem(key, JSON.stringify(stored));
                response.text().then(function (html) { document.open(); document.write(html); document.close(); });
              } else {
                sending = false;
                show(text('waiting'), 'waiting');
              }
            }).catch(function () { sending = false; show(text('waiting'), 'waiting'); });
          };
          var stored = read();
          if (stored) {
            restore(stored);
            show(stored.pending ? text('waiting') : text('saved'), stored.pending ? 'waiting' : 'saved');
          }
          form.addEventListener('input', function (e) { if (e.target.type !== 'file') { keep(false); show(text('saved'), 'saved'); } });
          form.addEventListener('change', function (e) { if (e.target.type === 'radio') { keep(false); show(text('saved'), 'saved'); } });
          form.addEventListener('submit', function (e) {
            var action = e.submitter && e.submitter.name === 'action' ? e.submitter.value : 'submit';
            if (action === 'submit' && !navigator.onLine) {
              e.preventDefault();
              keep(true);
              show(text('waiting'), 'waiting');
            }
          });
          window.addEventListener('online', send);
          send();
        })();
        """;
}
