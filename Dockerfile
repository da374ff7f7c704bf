# syntax=docker/dockerfile:1
# Build: static binary, no cgo (SQLite is pure Go), generated templ code is committed.
FROM golang:1.26-bookworm AS build
ARG VERSION=dev
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X github.com/pocketbase/pocketbase.Version=${VERSION}" -o /out/wedesk . \
 && mkdir -p /out/pb_data

# Run: distroless static has CA certificates (WeChat's API is HTTPS), tzdata and a non-root user.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/wedesk /app/wedesk
COPY --from=build --chown=65532:65532 /out/pb_data /pb_data
USER 65532:65532
VOLUME ["/pb_data"]
EXPOSE 8090
ENTRYPOINT ["/app/wedesk"]
CMD ["serve", "--http=0.0.0.0:8090", "--dir=/pb_data"]
