vcl 4.1;
# Front cache for the portal (Varnish 7, Debian). deploy/stack.py fills in the ports.
# Only responses the portal marks "Cache-Control: public" are kept (portal/frontcache.py):
# the admin, documents (private collections), staff-only pages, anyone logged in and any
# response that sets a cookie pass straight through. Wagtail purges with PURGE requests.

import std;

backend portal {
    .host = "127.0.0.1";
    .port = "@APP_PORT@";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

backend files {
    .host = "127.0.0.1";
    .port = "@FILES_PORT@";
}

acl purgers {
    "127.0.0.1";
}

sub vcl_recv {
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

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.url ~ "^/media/(original_images|images)/") {
        set req.backend_hint = files;
        unset req.http.Cookie;
        return (hash);
    }
    set req.backend_hint = portal;
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

sub vcl_backend_response {
    if (bereq.backend == files) {
        set beresp.ttl = 1h;
        return (deliver);
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
