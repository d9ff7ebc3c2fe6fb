// AKS Triage service worker: precache the app's own files so the wizard works
// offline after the first visit. The list and revisions are written at build
// time by scripts/post_build.py (Workbox-style precaching without the
// runtime: a cache per build revision, cache-first for precached URLs).
const PRECACHE = /*PRECACHE*/[]/*END*/;
const REVISION = /*REVISION*/"dev"/*END*/;
const CACHE = `aks-triage-${REVISION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((e) => new Request(e.url, { cache: "reload" })))).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith("aks-triage-") && k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // Navigations (any hash route) are served by the cached index page.
      const url = new URL(req.url);
      const key = req.mode === "navigate" ? new URL("./", self.location).href : url.href;
      const hit = await cache.match(key, { ignoreSearch: req.mode === "navigate" });
      if (hit) return hit;
      try {
        return await fetch(req);
      } catch (e) {
        const fallback = await cache.match(new URL("./", self.location).href);
        if (fallback) return fallback;
        throw e;
      }
    })
  );
});
