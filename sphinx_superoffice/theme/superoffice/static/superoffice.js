/* superoffice theme: progressive enhancement only. The page works without this file.
 * Adds: theme toggle, drawer Esc, nav filter and scroll-into-view, "In this article"
 * tracking, code copy, screenshot zoom, search-as-you-type (Ctrl+K or "/"). */
"use strict";
(() => {
  const doc = document;
  const root = doc.documentElement;
  const body = doc.body;
  const $ = (sel, el = doc) => el.querySelector(sel);
  const $$ = (sel, el = doc) => Array.from(el.querySelectorAll(sel));
  let strings = {};
  try { strings = JSON.parse(body.dataset.soStrings || "{}"); } catch (e) { /* keep defaults */ }
  const t = (key, fallback) => strings[key] || fallback;
  // Some of Sphinx's own catalogs hold empty msgstrs (nb: "Search Results"), which
  // Sphinx's gettext returns as "", leaving an empty results heading: fall back instead.
  // (doctools.js declares `const Documentation`: a global binding, not a window property)
  const tr = typeof Documentation !== "undefined" && Documentation.TRANSLATIONS;
  if (tr) for (const k of Object.keys(tr)) if (tr[k] === "") delete tr[k];
  const store = {
    get: (k) => { try { return localStorage.getItem(k); } catch (e) { return null; } },
    set: (k, v) => { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } },
  };

  /* ---- light / dark / auto --------------------------------------------- */
  const MODES = ["auto", "light", "dark"];
  const applyTheme = (mode) => {
    if (mode === "light" || mode === "dark") root.dataset.theme = mode;
    else delete root.dataset.theme;
    const dark = $("#pygments_dark_css");
    if (dark) dark.media = mode === "dark" ? "all" : mode === "light" ? "not all" : "(prefers-color-scheme: dark)";
    const label = t("theme" + mode[0].toUpperCase() + mode.slice(1), "Theme: " + mode);
    const btn = $(".so-theme-toggle");
    if (btn) {
      btn.title = label;
      $(".so-theme-label", btn).textContent = label;
    }
  };
  // the button is made here (it needs JavaScript), at the end of the header's tools
  const tools = $(".so-header-tools");
  if (tools) {
    const toggle = doc.createElement("button");
    toggle.type = "button";
    toggle.className = "so-theme-toggle";
    toggle.innerHTML =
      '<span class="so-icon so-icon-theme" aria-hidden="true"></span><span class="so-sr so-theme-label"></span>';
    tools.appendChild(toggle);
    applyTheme(MODES.includes(store.get("so-theme")) ? store.get("so-theme") : "auto");
    toggle.addEventListener("click", () => {
      const cur = MODES.includes(store.get("so-theme")) ? store.get("so-theme") : "auto";
      const next = MODES[(MODES.indexOf(cur) + 1) % MODES.length];
      store.set("so-theme", next);
      applyTheme(next);
    });
  }

  /* ---- drawer (CSS checkbox) and language menu --------------------------- */
  const drawer = $("#so-drawer");
  const sidebar = $("#so-sidebar");
  if (drawer && sidebar) {
    drawer.addEventListener("change", () => {
      if (drawer.checked) {
        const first = $(".so-filter-input", sidebar) || $("a", sidebar);
        if (first) setTimeout(() => first.focus(), 50);
      }
    });
  }
  const closeDrawer = () => {
    if (drawer && drawer.checked) {
      drawer.checked = false;
      drawer.focus();
      return true;
    }
    return false;
  };
  doc.addEventListener("keydown", (ev) => {
    if (ev.key !== "Escape") return;
    const lang = $(".so-lang[open]");
    if (lang) {
      lang.open = false;
      $("summary", lang).focus();
      return;
    }
    closeDrawer();
  });
  doc.addEventListener("click", (ev) => {
    const lang = $(".so-lang[open]");
    if (lang && !lang.contains(ev.target)) lang.open = false;
  });

  /* ---- nav tree: the whole tree from the nav file, page into view, filter ----
   * The page's HTML holds its trail, siblings and children (enough without JS); the
   * whole tree is one file per build (cached; revalidated, not versioned), drawn as theme/nav.py
   * draws it, with the page current and its trail open. A failed fetch (file://,
   * offline) keeps the page's own nav. */
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const outside = /^([a-z][a-z0-9+.-]*:|\/\/|#)/i;
  // the toc module flags the page itself on its trail, Sphinx's toctree does not: as the page's own nav
  const selfTrail = !!$("#so-sidebar .so-tree .is-current.is-trail");
  const navLevel = (list, page, top) => {
    let html = "";
    let hit = false;
    for (const it of list) {
      const u = it.u;
      const local = u !== undefined && !outside.test(u);
      const cur = local && !u.includes("#") && (u === "./" ? "" : u) === page;
      const [kids, below] = it.c ? navLevel(it.c, page, top) : ["", false];
      const title = esc(it.t);
      let cls = "so-tree-item" + (cur ? " is-current" : "") + ((cur && selfTrail) || below ? " is-trail" : "");
      const href = local ? top + (u === "./" ? "" : u) || "./" : u;
      const link = u === undefined ? "" : `\n<a class="so-tree-link" href="${esc(href)}"${cur ? ' aria-current="page"' : ""}>${title}</a>`;
      let body = link || `\n<span class="so-tree-group">${title}</span>`;
      if (it.c) {
        const summary = u === undefined
          ? `<summary class="so-tree-group">${title}</summary>`
          : `<summary class="so-tree-toggle"><span class="so-sr">${title}</span></summary>`;
        body = `${link}\n<details${it.e || cur || below ? " open" : ""}>${summary}\n<ul>${kids}</ul>\n</details>`;
        cls += " has-children";
      }
      html += `\n<li class="${cls}">${body}</li>`;
      hit = hit || cur || below;
    }
    return [html, hit];
  };
  const initNav = () => {
    const current = $('[aria-current="page"]', sidebar);
    if (current) {
      const r = current.getBoundingClientRect();
      const s = sidebar.getBoundingClientRect();
      if (r.top < s.top || r.bottom > s.bottom) sidebar.scrollTop += r.top - s.top - s.height / 3;
    }
    const items = $$(".so-tree-item", sidebar);
    const details = $$("details", sidebar);
    details.forEach((d) => { d.dataset.soOpen = d.open ? "1" : ""; });
    // the filter box is made here (it needs JavaScript), above the tree
    let box = $(".so-filter", sidebar);
    if (!box && items.length) {
      box = doc.createElement("div");
      box.className = "so-filter";
      box.innerHTML =
        '<label class="so-sr" for="so-filter-input"></label>' +
        '<input id="so-filter-input" class="so-filter-input" type="search" autocomplete="off" />' +
        '<p class="so-filter-status so-sr" aria-live="polite"></p>';
      $("label", box).textContent = t("filterLabel", "Filter navigation");
      $("input", box).placeholder = t("filterPlaceholder", "Filter by title");
      sidebar.prepend(box);
    }
    const input = box && $(".so-filter-input", box);
    const status = box && $(".so-filter-status", box);
    if (box && input && items.length) {
      const ownText = (li) => {
        const el = li.querySelector(":scope > .so-tree-link, :scope > .so-tree-group, :scope > details > summary.so-tree-group");
        return el ? el.textContent.toLowerCase() : "";
      };
      input.addEventListener("input", () => {
        const q = input.value.trim().toLowerCase();
        if (!q) {
          items.forEach((li) => li.classList.remove("is-filtered-out"));
          details.forEach((d) => { d.open = d.dataset.soOpen === "1"; });
          status.textContent = "";
          return;
        }
        let shown = 0;
        // deepest first, so a parent knows whether a child matched
        items.slice().reverse().forEach((li) => {
          const hit = ownText(li).includes(q);
          const childHit = $$(":scope > details > ul > .so-tree-item:not(.is-filtered-out)", li).length > 0;
          li.classList.toggle("is-filtered-out", !(hit || childHit));
          const d = $(":scope > details", li);
          if (d) d.open = childHit;
          if (hit) shown++;
        });
        status.textContent = shown ? String(shown) : t("filterNone", "No matching pages");
      });
    }
  };
  const tree = sidebar && $(".so-tree", sidebar);
  if (tree && sidebar.dataset.soNav && window.fetch) {
    fetch(sidebar.dataset.soNav, { cache: "no-cache" })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then((data) => {
        const [html] = navLevel(data.items || [], sidebar.dataset.soPage || "", sidebar.dataset.soRoot || "");
        if (html) {
          tree.innerHTML = html + "\n";
          sidebar.dataset.soNavState = "full";
        }
      })
      .catch(() => { sidebar.dataset.soNavState = "page"; })
      .finally(initNav);
  } else if (sidebar) initNav();

  /* ---- "In this article" on small screens: a collapsed copy above the article -- */
  // Made here from the page's own list (the CSS shows that list after the article
  // when JavaScript does not run), not written twice into every page.
  const pageToc = $("nav.so-toc");
  const content = $(".so-content");
  if (pageToc && content && $("ul", pageToc)) {
    const title = ($(".so-toc-title", pageToc) || pageToc).textContent.trim();
    const mobile = doc.createElement("nav");
    mobile.className = "so-toc-mobile";
    mobile.setAttribute("aria-label", title);
    const details = doc.createElement("details");
    const summary = doc.createElement("summary");
    summary.textContent = title;
    details.append(summary, $("ul", pageToc).cloneNode(true));
    mobile.appendChild(details);
    content.before(mobile);
  }

  /* ---- "In this article": highlight the section being read ---------------- */
  const tocLinks = $$(".so-toc a[href^='#']");
  if (tocLinks.length) {
    const targets = tocLinks
      .map((a) => [a, doc.getElementById(decodeURIComponent(a.hash.slice(1)))])
      .filter(([, h]) => h);
    let ticking = false;
    const track = () => {
      ticking = false;
      const limit = (parseFloat(getComputedStyle(root).scrollPaddingTop) || 80) + 8;
      let active = targets.length ? targets[0][0] : null;
      for (const [a, h] of targets) {
        if (h.getBoundingClientRect().top <= limit) active = a;
        else break;
      }
      if (window.innerHeight + window.scrollY >= doc.documentElement.scrollHeight - 2 && targets.length)
        active = targets[targets.length - 1][0];
      tocLinks.forEach((a) => {
        const on = a === active;
        a.classList.toggle("is-active", on);
        if (on) a.setAttribute("aria-current", "location");
        else a.removeAttribute("aria-current");
      });
    };
    window.addEventListener("scroll", () => {
      if (!ticking) { ticking = true; requestAnimationFrame(track); }
    }, { passive: true });
    track();
  }

  /* ---- code copy -------------------------------------------------------- */
  $$("div.highlight").forEach((block) => {
    const pre = $("pre", block);
    if (!pre) return;
    const btn = doc.createElement("button");
    btn.type = "button";
    btn.className = "so-copy";
    btn.title = t("copy", "Copy code");
    btn.setAttribute("aria-label", t("copy", "Copy code"));
    btn.innerHTML = '<span class="so-icon so-icon-copy" aria-hidden="true"></span>';
    btn.addEventListener("click", async () => {
      const text = pre.innerText.replace(/\n$/, "");
      let ok = true;
      try { await navigator.clipboard.writeText(text); } catch (e) {
        const ta = doc.createElement("textarea");
        ta.value = text;
        ta.style.position = "fixed"; ta.style.opacity = "0";
        body.appendChild(ta); ta.select();
        try { ok = doc.execCommand("copy"); } catch (e2) { ok = false; }
        ta.remove();
      }
      const label = ok ? t("copied", "Copied") : t("copyFailed", "Copy failed");
      btn.classList.toggle("is-done", ok);
      btn.setAttribute("aria-label", label);
      btn.title = label;
      $(".so-icon", btn).className = "so-icon " + (ok ? "so-icon-check" : "so-icon-copy");
      setTimeout(() => {
        btn.classList.remove("is-done");
        btn.setAttribute("aria-label", t("copy", "Copy code"));
        btn.title = t("copy", "Copy code");
        $(".so-icon", btn).className = "so-icon so-icon-copy";
      }, 2000);
    });
    block.appendChild(btn);
  });

  /* ---- scrolling boxes (wide tables, long code) reachable by keyboard ----- */
  const markScrollers = () => {
    $$(".so-body table, .so-body div.highlight pre").forEach((el) => {
      if (el.scrollWidth > el.clientWidth + 1) el.setAttribute("tabindex", "0");
      else if (el.getAttribute("tabindex") === "0") el.removeAttribute("tabindex");
    });
  };
  markScrollers();
  let resizeTimer = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(markScrollers, 150);
  });

  /* ---- screenshot zoom -------------------------------------------------- */
  let zoomDialog = null;
  const zoom = (img, opener) => {
    if (!zoomDialog) {
      zoomDialog = doc.createElement("dialog");
      zoomDialog.className = "so-zoom-dialog";
      zoomDialog.setAttribute("aria-label", t("zoom", "Enlarge image"));
      zoomDialog.innerHTML = '<img alt=""><button type="button" class="so-button"></button>';
      $("button", zoomDialog).textContent = t("close", "Close");
      $("button", zoomDialog).addEventListener("click", () => zoomDialog.close());
      zoomDialog.addEventListener("click", (ev) => { if (ev.target === zoomDialog) zoomDialog.close(); });
      zoomDialog.addEventListener("keydown", (ev) => {
        if (ev.key === "Escape") { ev.preventDefault(); zoomDialog.close(); }
      });
      body.appendChild(zoomDialog);
    }
    const big = $("img", zoomDialog);
    big.src = img.currentSrc || img.src;
    big.alt = img.alt;
    zoomDialog.onclose = () => opener.focus();
    zoomDialog.showModal();
    $("button", zoomDialog).focus();
  };
  $$('.so-body img[alt$="-screenshot"], .so-body img.so-screenshot').forEach((img) => {
    if (img.closest("a, button")) return;
    const btn = doc.createElement("button");
    btn.type = "button";
    btn.className = "so-zoom";
    btn.setAttribute("aria-label", t("zoom", "Enlarge image") + ": " + img.alt);
    img.replaceWith(btn);
    btn.appendChild(img);
    btn.addEventListener("click", () => zoom(img, btn));
  });

  /* ---- search dialog: Sphinx's own index and Search API ------------------ */
  // Made here, not written into every page: it works only with JavaScript (showModal),
  // and the header's search form gives its action and labels.
  const searchDialog = (input) => {
    const form = input.form;
    const label = $("label[for='so-search-input']", form);
    const d = doc.createElement("dialog");
    d.className = "so-search-dialog";
    d.setAttribute("aria-labelledby", "so-dialog-title");
    d.innerHTML =
      '<form class="so-dialog-form" method="get" role="search">' +
      '<h2 id="so-dialog-title" class="so-sr"></h2>' +
      '<label class="so-sr" for="so-dialog-input"></label>' +
      '<span class="so-icon so-icon-search" aria-hidden="true"></span>' +
      '<input id="so-dialog-input" class="so-dialog-input" type="search" name="q" autocomplete="off" spellcheck="false" />' +
      '<button type="button" class="so-dialog-close"><span class="so-sr"></span><kbd aria-hidden="true">Esc</kbd></button>' +
      "</form>" +
      '<p class="so-dialog-status" role="status" aria-live="polite"></p>' +
      '<ul class="so-dialog-results"></ul>';
    $("form", d).setAttribute("action", form.getAttribute("action"));
    $("h2", d).textContent = $("label", d).textContent = label ? label.textContent : "";
    $("input", d).placeholder = input.placeholder;
    $(".so-dialog-close .so-sr", d).textContent = t("close", "Close");
    body.appendChild(d);
    return d;
  };
  const headerInput = $("#so-search-input");
  if (!headerInput || !headerInput.form) return;
  const dialog = searchDialog(headerInput);
  const dInput = $(".so-dialog-input", dialog);
  const dStatus = $(".so-dialog-status", dialog);
  const dResults = $(".so-dialog-results", dialog);
  const contentRoot = root.dataset.content_root || "";
  const opts = window.DOCUMENTATION_OPTIONS || {};
  const hasSearch = () => typeof Search !== "undefined" && Search.hasIndex && Search.hasIndex();
  let loading = null;
  let opener = null;

  const loadScript = (src) => new Promise((resolve, reject) => {
    const s = doc.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = reject;
    body.appendChild(s);
  });
  const loadSearch = () => {
    if (loading) return loading;
    if (typeof Search !== "undefined") {
      loading = hasSearch() ? Promise.resolve() : new Promise((res) => {
        const wait = () => (hasSearch() ? res() : setTimeout(wait, 50));
        wait();
      });
      return loading;
    }
    // Search.init() (run when searchtools.js loads) empties every input[name=q]:
    // hide our inputs' names meanwhile so the user's typing survives.
    const named = $$('input[name="q"]');
    const restore = () => named.forEach((el) => { el.name = "q"; });
    named.forEach((el) => el.removeAttribute("name"));
    loading = loadScript(contentRoot + "_static/language_data.js")
      .then(() => loadScript(contentRoot + "_static/searchtools.js"))
      .then(restore, (err) => { restore(); throw err; })
      .then(() => loadScript(contentRoot + "searchindex.js"));
    return loading;
  };

  const resultUrl = (docName, anchor) => {
    if (opts.BUILDER === "dirhtml") {
      let dir = docName + "/";
      if (dir.match(/\/index\/$/)) dir = dir.slice(0, -6);
      else if (dir === "index/") dir = "";
      return contentRoot + dir + anchor;
    }
    return contentRoot + docName + (opts.FILE_SUFFIX || ".html") + anchor;
  };
  const render = () => {
    const query = dInput.value.trim();
    dResults.textContent = "";
    if (!query) { dStatus.textContent = ""; return; }
    if (!hasSearch()) {
      dStatus.textContent = t("loading", "Loading search index…");
      loadSearch().then(render, () => { dStatus.textContent = t("noResults", "No results"); });
      return;
    }
    let results = [];
    try {
      const parsed = Search._parseQuery(query);
      results = Search._performSearch(...parsed);
    } catch (e) {
      results = [];
    }
    const top = results.slice(-10).reverse();
    for (const [docName, title, anchor] of top) {
      const li = doc.createElement("li");
      const a = li.appendChild(doc.createElement("a"));
      a.href = resultUrl(docName, anchor);
      a.appendChild(doc.createElement("span")).className = "so-result-title";
      a.firstChild.textContent = title;
      const p = a.appendChild(doc.createElement("span"));
      p.className = "so-result-path";
      p.textContent = docName;
      dResults.appendChild(li);
    }
    if (body.dataset.soSearchUrl) {
      const li = doc.createElement("li");
      li.className = "so-all";
      const a = li.appendChild(doc.createElement("a"));
      a.href = body.dataset.soSearchUrl + "?q=" + encodeURIComponent(query);
      a.textContent = t("allResults", "Show all results");
      dResults.appendChild(li);
    }
    dStatus.textContent = top.length ? t("results", "Results") + ": " + results.length : t("noResults", "No results");
  };
  let timer = 0;
  dInput.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(render, 120); });

  const openSearch = (text) => {
    if (dialog.open) return;
    opener = doc.activeElement;
    closeDrawer();
    if (typeof text === "string") dInput.value = text;
    dialog.showModal();
    dInput.focus();
    // a new query replaces the last one; text typed in the header box continues
    if (typeof text === "string") dInput.setSelectionRange(text.length, text.length);
    else dInput.select();
    loadSearch().then(() => { if (dInput.value.trim()) render(); }, () => {});
  };
  dialog.addEventListener("close", () => {
    if (headerInput) headerInput.value = "";
    if (opener && opener.focus) opener.focus();
  });
  dialog.addEventListener("click", (ev) => { if (ev.target === dialog) dialog.close(); });
  $(".so-dialog-close", dialog).addEventListener("click", () => dialog.close());
  dialog.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") {
      ev.preventDefault();
      dialog.close();
      return;
    }
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    const links = $$("a", dResults);
    if (!links.length) return;
    ev.preventDefault();
    const i = links.indexOf(doc.activeElement);
    const next = ev.key === "ArrowDown" ? Math.min(i + 1, links.length - 1) : i - 1;
    (next < 0 ? dInput : links[next]).focus();
  });
  if (headerInput) {
    headerInput.addEventListener("input", () => {
      const v = headerInput.value;
      if (v.trim()) openSearch(v);
    });
  }
  doc.addEventListener("keydown", (ev) => {
    const el = ev.target;
    const typing = el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
    if ((ev.key === "k" || ev.key === "K") && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      openSearch();
    } else if (ev.key === "/" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      openSearch();
    }
  });
})();
