# diglot with the offline Apertium backend, for batch jobs (see docs/scale.md).
#
#   docker build -t diglot:dev .
#   docker run --rm -v "$PWD:/work" -w /work diglot:dev translate --out out articles/
#
# Two stages: the Go toolchain builds a static binary (pure Go, no cgo: the
# SQLite driver is modernc.org/sqlite); the image that runs it is Debian
# with Apertium and its French→Spanish→English pairs from Debian's own
# packages, as scripts/install-deps.sh installs them on a workstation.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/diglot ./cmd/diglot

FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      apertium apertium-fr-es apertium-eng-spa ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/diglot /usr/local/bin/diglot
# No root at run time; /work is where a job mounts its articles and outputs.
RUN useradd --create-home --uid 10001 diglot && mkdir /work && chown diglot /work
USER diglot
WORKDIR /work
ENTRYPOINT ["diglot"]
CMD ["--help"]
