#!/usr/bin/env bash
# Entrypoint of shopscale/postgres:15, copied into the image by bin/base-images as
# /usr/local/bin/docker-entrypoint.sh. It mimics the official postgres image's entrypoint closely enough that
# code written for `postgres:15` (Testcontainers' PostgreSQLContainer included) works with this image too:
#
#   POSTGRES_PASSWORD / POSTGRES_PASSWORD_FILE   superuser password (required unless POSTGRES_HOST_AUTH_METHOD=trust)
#   POSTGRES_USER (default postgres)             superuser created by initdb (also accepts *_FILE)
#   POSTGRES_DB   (default $POSTGRES_USER)       database created on first start (also accepts *_FILE)
#   POSTGRES_INITDB_ARGS                         extra arguments for initdb
#   POSTGRES_HOST_AUTH_METHOD                    pg_hba method for host connections (default scram-sha-256)
#   PGDATA (default /var/lib/postgresql/data)
#
# On first start (no $PGDATA/PG_VERSION): initdb, a temporary server on the unix socket only, create the
# database, run /docker-entrypoint-initdb.d/*.sh|*.sql|*.sql.gz in name order, stop the temporary server, then
# exec the real server. So "database system is ready to accept connections" is logged twice on the first start
# and once on later starts, exactly like the official image. All logging goes to stderr.
set -Eeo pipefail

# usage: file_env VAR [DEFAULT]
# Reads VAR from the environment or from the file named by VAR_FILE (for Docker secrets), not both.
file_env() {
	local var="$1"
	local fileVar="${var}_FILE"
	local def="${2:-}"
	if [ "${!var:-}" ] && [ "${!fileVar:-}" ]; then
		echo >&2 "error: both $var and $fileVar are set (but are exclusive)"
		exit 1
	fi
	local val="$def"
	if [ "${!var:-}" ]; then
		val="${!var}"
	elif [ "${!fileVar:-}" ]; then
		val="$(< "${!fileVar}")"
	fi
	export "$var"="$val"
	unset "$fileVar"
}

# true when the arguments ask postgres for help/version/config output rather than to run a server
_pg_want_help() {
	local arg
	for arg; do
		case "$arg" in
			-'?'|--help|--describe-config|-V|--version) return 0 ;;
		esac
	done
	return 1
}

docker_setup_env() {
	file_env 'POSTGRES_PASSWORD'
	file_env 'POSTGRES_USER' 'postgres'
	file_env 'POSTGRES_DB' "$POSTGRES_USER"
	file_env 'POSTGRES_INITDB_ARGS'
	: "${POSTGRES_HOST_AUTH_METHOD:=}"

	declare -g DATABASE_ALREADY_EXISTS
	if [ -s "$PGDATA/PG_VERSION" ]; then
		DATABASE_ALREADY_EXISTS='true'
	fi
}

docker_create_db_directories() {
	local user
	user="$(id -u)"

	mkdir -p "$PGDATA"
	chmod 00700 "$PGDATA" || :

	mkdir -p /var/run/postgresql || :
	chmod 03775 /var/run/postgresql || :

	if [ "$user" = '0' ]; then
		find "$PGDATA" \! -user postgres -exec chown postgres '{}' +
		find /var/run/postgresql \! -user postgres -exec chown postgres '{}' +
	fi
}

docker_verify_minimum_env() {
	if [ "${#POSTGRES_PASSWORD}" -ge 100 ]; then
		echo >&2 "WARNING: the POSTGRES_PASSWORD is 100 characters or longer and will be truncated by some clients."
	fi
	if [ -z "$POSTGRES_PASSWORD" ] && [ 'trust' != "$POSTGRES_HOST_AUTH_METHOD" ]; then
		cat >&2 <<-'EOE'
			Error: Database is uninitialized and superuser password is not specified.
			       You must specify POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE) to a non-empty value for the
			       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

			       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all connections without a
			       password. This is *not* recommended.
		EOE
		exit 1
	fi
}

docker_init_database_dir() {
	# initdb reads the password from a file; a process substitution keeps it off the command line.
	# eval, like the official image, so that quoting inside POSTGRES_INITDB_ARGS works.
	eval 'initdb --username="$POSTGRES_USER" --pwfile=<(printf "%s\n" "$POSTGRES_PASSWORD") '"$POSTGRES_INITDB_ARGS"
}

pg_setup_hba_conf() {
	if [ "$1" = 'postgres' ]; then
		shift
	fi
	# the host auth method follows the (configured) password_encryption: scram-sha-256 by default
	local auth
	auth="$(postgres -C password_encryption "$@")"
	: "${POSTGRES_HOST_AUTH_METHOD:=$auth}"
	{
		printf '\n'
		if [ 'trust' = "$POSTGRES_HOST_AUTH_METHOD" ]; then
			printf '# warning trust is enabled for all connections\n'
		fi
		printf 'host all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD"
	} >> "$PGDATA/pg_hba.conf"
}

docker_temp_server_start() {
	if [ "$1" = 'postgres' ]; then
		shift
	fi
	# Unix socket only, so nothing can connect over TCP before initialisation is complete.
	set -- "$@" -c listen_addresses='' -p "${PGPORT:-5432}"
	PGUSER="${PGUSER:-$POSTGRES_USER}" \
		pg_ctl -D "$PGDATA" -o "$(printf '%q ' "$@")" -w start
}

docker_temp_server_stop() {
	PGUSER="${PGUSER:-postgres}" \
		pg_ctl -D "$PGDATA" -m fast -w stop
}

# psql against the temporary server, stopping at the first error
docker_process_sql() {
	local query_runner=( psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc )
	if [ -n "$POSTGRES_DB" ]; then
		query_runner+=( --dbname "$POSTGRES_DB" )
	fi
	PGHOST='' PGHOSTADDR='' "${query_runner[@]}" "$@"
}

# POSTGRES_DB='' makes psql connect to the database "postgres", while --set db= still names $POSTGRES_DB.
# shellcheck disable=SC2097,SC2098
docker_setup_db() {
	local dbAlreadyExists
	dbAlreadyExists="$(
		POSTGRES_DB='' docker_process_sql --dbname postgres --set db="$POSTGRES_DB" --tuples-only <<-'EOSQL'
			SELECT 1 FROM pg_database WHERE datname = :'db' ;
		EOSQL
	)"
	if [ -z "$dbAlreadyExists" ]; then
		POSTGRES_DB='' docker_process_sql --dbname postgres --set db="$POSTGRES_DB" <<-'EOSQL'
			CREATE DATABASE :"db" ;
		EOSQL
		printf '\n'
	fi
}

# usage: docker_process_init_files [file [file [...]]]
docker_process_init_files() {
	printf '\n'
	local f
	for f; do
		case "$f" in
			*.sh)
				if [ -x "$f" ]; then
					printf '%s: running %s\n' "$0" "$f"
					"$f"
				else
					printf '%s: sourcing %s\n' "$0" "$f"
					# shellcheck disable=SC1090
					. "$f"
				fi
				;;
			*.sql)    printf '%s: running %s\n' "$0" "$f"; docker_process_sql -f "$f"; printf '\n' ;;
			*.sql.gz) printf '%s: running %s\n' "$0" "$f"; gunzip -c "$f" | docker_process_sql; printf '\n' ;;
			*)        printf '%s: ignoring %s\n' "$0" "$f" ;;
		esac
		printf '\n'
	done
}

_main() {
	# "docker run image -c fsync=off" means "postgres -c fsync=off"
	if [ "${1:0:1}" = '-' ]; then
		set -- postgres "$@"
	fi

	if [ "$1" = 'postgres' ] && ! _pg_want_help "$@"; then
		# Our own messages go to stderr, like the server's log; stdout is restored for the final exec.
		exec 3>&1 1>&2
		docker_setup_env
		docker_create_db_directories
		if [ "$(id -u)" = '0' ]; then
			# There is no gosu in Debian's packages; setpriv (util-linux) does the same job.
			export HOME=/var/lib/postgresql
			exec 1>&3 3>&-
			exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
		fi

		if [ -z "$DATABASE_ALREADY_EXISTS" ]; then
			docker_verify_minimum_env
			# fail early (before initdb) when the init scripts directory is unreadable
			ls /docker-entrypoint-initdb.d/ > /dev/null

			docker_init_database_dir
			pg_setup_hba_conf "$@"

			export PGPASSWORD="${PGPASSWORD:-$POSTGRES_PASSWORD}"
			docker_temp_server_start "$@"

			docker_setup_db
			shopt -s nullglob
			docker_process_init_files /docker-entrypoint-initdb.d/*
			shopt -u nullglob

			docker_temp_server_stop
			unset PGPASSWORD

			printf '\nPostgreSQL init process complete; ready for start up.\n\n'
		else
			printf '\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n'
		fi
		exec 1>&3 3>&-
	fi

	exec "$@"
}

_main "$@"
