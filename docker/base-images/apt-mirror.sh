# Sourced helper: which Debian suite this machine runs and which mirror apt is configured with for it.
# Read from apt's own configuration at run time, so no mirror host is written into the project.

debian_suite() {
    # shellcheck disable=SC1091
    (. /etc/os-release && printf '%s\n' "${VERSION_CODENAME:?not a Debian release with a codename}")
}

# Prints the first URI that apt uses for "<suite> main": deb822 files (*.sources) first, then one-line lists.
debian_mirror() {
    local suite="$1" uri
    uri="$(awk -v suite="$suite" '
        function flush() {
            if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") && uris != "" && !found) {
                split(uris, u, " "); print u[1]; found = 1
            }
            types = ""; suites = ""; uris = ""
        }
        /^[[:space:]]*$/ { flush(); next }
        /^[Tt]ypes:/  { sub(/^[^:]*:[[:space:]]*/, ""); types = $0 }
        /^URIs:/      { sub(/^[^:]*:[[:space:]]*/, ""); uris = $0 }
        /^Suites:/    { sub(/^[^:]*:[[:space:]]*/, ""); suites = $0 }
        END { flush() }
    ' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)"
    if [ -z "$uri" ]; then
        uri="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
            | sed -E 's/\[[^]]*\]//' \
            | awk -v suite="$suite" '$1 == "deb" && $3 == suite { print $2; exit }')"
    fi
    if [ -z "$uri" ]; then
        echo "no apt source for suite '$suite' found in /etc/apt/sources.list*" >&2
        return 1
    fi
    printf '%s\n' "$uri"
}
