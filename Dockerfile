# The ringbench image for multi-client runs (deploy/kubernetes, README "Several client
# machines"): built on Debian 12 from this tree, shipped on Debian 12 slim with the runtime
# libraries only.
#   docker build -t ringbench:latest .
FROM debian:12 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends g++ meson ninja-build pkg-config liburing-dev \
      libcli11-dev libfmt-dev nlohmann-json3-dev libwolfssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN meson setup /build --buildtype=release -Dtests=false -Dmicrobench=false -Dtls=enabled \
 && ninja -C /build src/cli/ringbench \
 && strip /build/src/cli/ringbench

FROM debian:12-slim
# What the binary links besides libc and libstdc++ (ldd): liburing, fmt, wolfSSL; the CA store
# for https:// targets verified against the system store.
RUN apt-get update \
 && apt-get install -y --no-install-recommends liburing2 libfmt9 libwolfssl35 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /build/src/cli/ringbench /usr/local/bin/ringbench
COPY deploy/kubernetes/ringbench-client /usr/local/bin/ringbench-client
USER 65534:65534
ENTRYPOINT []
CMD ["ringbench", "--help"]
