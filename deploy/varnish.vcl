vcl 4.1;
# Front cache for the portal (Varnish 7, Debian). deploy/stack.py fills in the ports
# and deploy/front.py the parts that depend on the servers (backends, director, retries).
# Only responses the portal marks "Cache-Control: public" are kept (portal/operations/frontcache.py):
# the admin, documents (private collections), staff-only pages, anyone logged in and any
# response that sets a cookie pass straight through. Wagtail purges with PURGE requests.

import directors;
import std;
import purge;

# The portal is healthy while it reaches its database (/zdravi/). While it is not, the cache
# serves what it holds however old (grace); misses get the Czech 503 page.
probe database_reachable {
    .url = "/zdravi/";
    .interval = 1s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

# One backend per application server (deploy/stack.py --instances), each with the probe: a
# server that stops answering leaves the rotation within about 2 s, and meanwhile a request
# it fails is tried again on a server that has not failed it (vcl_backend_error).
@BACKENDS@

sub vcl_init {
    new portal = directors.round_robin();
@DIRECTOR@
}

backend files {
    .host = "127.0.0.1";
    .port = "@FILES_PORT@";
}

acl purgers {
    "127.0.0.1";
}

sub vcl_recv {
    # Varnish itself appends the visitor's address (client.ip) to X-Forwarded-For before
    # this runs; the portal believes that header only from TRUSTED_PROXIES (this address).
    # The client's Host reaches the portal unchanged (Django checks it, and the admin's
    # CSRF check compares it with the browser's Origin). The cache key is the URL alone
    # (vcl_hash): one site, whatever name it was reached by, so purges by page URL match.
    # The portal builds absolute URLs from its Site record, never from the Host.

    # One stored copy per encoding the portal sends (brotli, gzip or none); the portal
    # answers with "Vary: Accept-Encoding", so a purge drops every copy of a URL.
    if (req.http.Accept-Encoding ~ "(^|[ ,])br($|[ ,;])") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "(^|[ ,])gzip($|[ ,;])") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }

    unset req.http.X-Failed-On;  # the front's own note on a retried request
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # A soft purge: the page is fetched again at once, but its old copy stays in grace
        # for readers while the database is down.
        return (hash);
    }
    if (req.url ~ "^/media/(original_images|images)/") {
        set req.backend_hint = files;
        unset req.http.Cookie;
        return (hash);
    }
    set req.backend_hint = portal.backend();
    # Healthy: never an expired or purged copy. Sick: any copy (beresp.grace below).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|dokumenty)/") {
        return (pass);
    }
    # Logged-in people (and password-restricted page visitors) always reach the portal.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;
    unset req.http.Authorization;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    return (lookup);
}

sub vcl_hit {
    if (req.method == "PURGE") {
        purge.soft(0s, 24h);
        return (synth(200, "Purged"));
    }
}

sub vcl_miss {
    if (req.method == "PURGE") {
        purge.soft(0s, 24h);
        return (synth(200, "Purged"));
    }
}

sub vcl_backend_response {
    # A background refresh that fails keeps the old copy instead.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    if (bereq.backend == files) {
        # Only a file is kept: a refusal or a miss is asked again, the file may come any moment.
        if (beresp.status != 200) {
            set beresp.ttl = 0s;
            set beresp.uncacheable = true;
            return (deliver);
        }
        set beresp.ttl = 1h;
        return (deliver);
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    set beresp.grace = 24h;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

# A retried request goes to a healthy server it has not failed on yet. Left to the round
# robin, a retry may land on the lost server again: other requests move the rotation on
# meanwhile, and the probe takes about 2 s to notice the loss.
sub vcl_backend_fetch {
    if (bereq.retries > 0 && bereq.backend != files) {
@RETRY_TARGETS@
    }
}

# The portal is unreachable on every server (or its database is, see the probe) and no copy
# is held: the same Czech 503 page the portal itself gives.
sub vcl_backend_error {
    # A lost server (refused or cut connection): a reader's request goes to another one,
    # which vcl_backend_fetch picks by the servers noted here.
    if (bereq.retries < @RETRIES@ && (bereq.method == "GET" || bereq.method == "HEAD")) {
        set bereq.http.X-Failed-On = bereq.http.X-Failed-On + " " + beresp.backend + " ";
        return (retry);
    }
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "30";
    synthetic({"<!doctype html>
<html lang="cs"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dočasně mimo provoz | Portál pro praxi OSPOD</title><link rel="stylesheet" href="/static/portal/css/portal.css"></head>
<body><main id="obsah" class="site-main"><h1>Portál je na chvíli mimo provoz</h1>
<p>Právě probíhá údržba nebo obnova databáze. Stránku zkuste prosím načíst znovu za minutu.</p>
<p class="muted">Chyba 503</p></main></body></html>
"});
    return (deliver);
}
