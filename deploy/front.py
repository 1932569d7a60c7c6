"""Varnish, the stack's front cache: its command line and the per-server parts of its
configuration (deploy/varnish.vcl's @BACKENDS@, @DIRECTOR@, @RETRIES@, @RETRY_TARGETS@)."""


def varnish_command(var, port, vcl):
    return [
        "varnishd", "-F", "-j", "none", "-n", str(var / "varnish"),
        "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,256m", "-T", "none",
        "-p", "thread_pool_min=50",
        # The portal compresses (brotli or gzip, deploy/varnish.vcl): Varnish stores and
        # forwards the encodings as they are, one variant per Accept-Encoding.
        "-p", "http_gzip_support=off",
    ]  # fmt: skip


def vcl_values(instances):
    backends, director = [], []
    for instance in instances:
        name = backend_name(instance)
        backends.append(
            f'backend {name} {{\n    .host = "127.0.0.1";\n    .port = "{instance.app_port}";\n'
            "    .connect_timeout = 2s;\n    .first_byte_timeout = 60s;\n"
            "    .probe = database_reachable;\n}"
        )
        director.append(f"    portal.add_backend({name});")
    retries = len(instances)  # every other server once, and the same one again
    return {"BACKENDS": "\n".join(backends), "DIRECTOR": "\n".join(director),
            "RETRIES": retries, "RETRY_TARGETS": retry_targets(instances)}  # fmt: skip


def backend_name(instance):
    return f"portal_{instance.number}"


def retry_targets(instances):
    """VCL sending a retried request to the first healthy server it has not failed on, or
    else back to the rotation (deploy/varnish.vcl, vcl_backend_fetch)."""
    lines = []
    for number, name in enumerate(map(backend_name, instances)):
        keyword = "if" if number == 0 else "} elsif"
        lines.append(f'{keyword} (bereq.http.X-Failed-On !~ " {name} " && std.healthy({name})) {{')
        lines.append(f"    set bereq.backend = {name};")
    lines += ["} else {", "    set bereq.backend = portal.backend();", "}"]
    return "\n".join("        " + line for line in lines)
