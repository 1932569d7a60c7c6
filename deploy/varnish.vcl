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
    # Varnish itself appends the visitor's address (client.ip) to X-Forwarded-For before
    # this runs; the portal believes that header only from TRUSTED_PROXIES (this address).
    # One site: every request shares one cache key host, so purges by page URL match.
    set req.http.host = "portal";

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
