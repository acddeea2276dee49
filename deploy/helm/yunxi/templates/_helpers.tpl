{{/* Release-scoped name for objects that are not per-module Services. */}}
{{- define "yunxi.fullname" -}}
{{- if contains "yunxi" .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-yunxi" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "yunxi.selectorLabels" -}}
app.kubernetes.io/name: yunxi
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "yunxi.labels" -}}
{{ include "yunxi.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: yunxi
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- if .Values.zone.enabled }}
yunxi.io/zone: {{ .Values.zone.name | quote }}
{{- end }}
{{- end -}}

{{- define "yunxi.image" -}}
{{- $img := .Values.image -}}
{{- $repo := $img.repository -}}
{{- if $img.registry }}{{ $repo = printf "%s/%s" (trimSuffix "/" $img.registry) $img.repository }}{{ end -}}
{{- $tag := default .Chart.AppVersion $img.tag -}}
{{- if $img.digest -}}
{{- printf "%s:%s@%s" $repo $tag $img.digest -}}
{{- else -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}
{{- end -}}

{{- define "yunxi.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "yunxi.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Secret the chart creates for credentials given inline in values. */}}
{{- define "yunxi.credentialsSecret" -}}
{{- printf "%s-credentials" (include "yunxi.fullname" .) -}}
{{- end -}}

{{/* Enabled module names, as a JSON list (Go templates cannot return lists). */}}
{{- define "yunxi.modules" -}}
{{- $mods := list -}}
{{- range $name, $svc := .Values.services -}}
{{- if $svc.enabled }}{{ $mods = append $mods $name }}{{ end -}}
{{- end -}}
{{- toJson $mods -}}
{{- end -}}

{{/* Dependencies needed by the given modules: dict with root and modules -> JSON list. */}}
{{- define "yunxi.needs" -}}
{{- $needs := list -}}
{{- range $m := .modules -}}
{{- range $d := (index $.root.Values.services $m).needs -}}
{{- $needs = append $needs $d -}}
{{- end -}}
{{- end -}}
{{- toJson ($needs | uniq | sortAlpha) -}}
{{- end -}}

{{- define "yunxi.dependencyNames" -}}
["postgres","kafka","s3","redis","mqtt","oidc","kme"]
{{- end -}}

{{/* "true" when a dependency needed by the given modules is embedded: dict root, modules. */}}
{{- define "yunxi.embeddedIn" -}}
{{- $needs := include "yunxi.needs" . | fromJsonArray -}}
{{- $any := false -}}
{{- range $d := $needs }}{{ if (index $.root.Values $d).embedded }}{{ $any = true }}{{ end }}{{ end -}}
{{- if $any }}true{{ end -}}
{{- end -}}

{{/* "true" when any dependency a running module needs is embedded. */}}
{{- define "yunxi.anyEmbedded" -}}
{{- $needs := include "yunxi.needs" (dict "root" . "modules" (include "yunxi.modules" . | fromJsonArray)) | fromJsonArray -}}
{{- $any := false -}}
{{- range $d := $needs }}{{ if (index $.Values $d).embedded }}{{ $any = true }}{{ end }}{{ end -}}
{{- if $any }}true{{ end -}}
{{- end -}}

{{/*
Workloads: allInOne gives one ("all-in-one") running every enabled module; microservices
gives one per enabled module. Rendered as YAML so one generic template can range over it.
*/}}
{{- define "yunxi.workloads" -}}
{{- $mods := include "yunxi.modules" . | fromJsonArray -}}
{{- $allNames := keys .Values.services | sortAlpha -}}
items:
{{- if eq .Values.mode "allInOne" }}
  - name: all-in-one
    modules: {{ toJson $mods }}
    targets: {{ if eq (len $mods) (len $allNames) }}all{{ else }}{{ join "," $mods }}{{ end }}
    replicas: {{ .Values.allInOne.replicas }}
    resources: {{ toJson .Values.allInOne.resources }}
    autoscaling: { "enabled": false }
    http: {{ has "gateway" $mods }}
{{- else }}
{{- range $m := $mods }}
{{- $svc := index $.Values.services $m }}
  - name: {{ $m }}
    modules: {{ toJson (list $m) }}
    targets: {{ $m }}
    replicas: {{ default 1 $svc.replicas }}
    resources: {{ toJson $svc.resources }}
    autoscaling: {{ toJson (default (dict "enabled" false) $svc.autoscaling) }}
    http: {{ eq $m "gateway" }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "yunxi.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "yunxi.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* env var from a Secret: dict name, secret, key. */}}
{{- define "yunxi.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret | quote }}
      key: {{ .key | quote }}
{{- end -}}

{{/*
Container environment for a workload: dict root, modules (list), targets.
Only the dependencies the workload's modules need are wired, so a module never sees
another dependency's credentials.
*/}}
{{- define "yunxi.env" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $creds := include "yunxi.credentialsSecret" $root -}}
{{- $needs := include "yunxi.needs" (dict "root" $root "modules" .modules) | fromJsonArray -}}
- name: TARGETS
  value: {{ .targets | quote }}
- name: YUNXI_BIND_HOST
  value: "0.0.0.0"
- name: YUNXI_GRPC_PORT
  value: {{ $v.ports.grpc | quote }}
- name: YUNXI_HTTP_PORT
  value: {{ $v.ports.http | quote }}
- name: OTEL_EXPORTER_PROMETHEUS_HOST
  value: "0.0.0.0"
- name: OTEL_EXPORTER_PROMETHEUS_PORT
  value: {{ $v.ports.metrics | quote }}
- name: YUNXI_PEER_ADDRESS_TEMPLATE
  value: {{ printf "%s{name}:%v" $v.serviceNamePrefix $v.ports.grpc | quote }}
- name: YUNXI_REQUIRE_EXTERNAL
  value: {{ ternary "false" "true" (eq (include "yunxi.embeddedIn" (dict "root" $root "modules" .modules)) "true") | quote }}
- name: YUNXI_DATA_DIR
  value: /var/lib/yunxi
- name: LOG_LEVEL
  value: {{ $v.logLevel | quote }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ printf "service.namespace=yunxi,deployment.environment=%s%s" $root.Release.Namespace (ternary (printf ",yunxi.zone=%s" $v.zone.name) "" $v.zone.enabled) | quote }}
{{- if $v.telemetry.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ $v.telemetry.otlpEndpoint | quote }}
{{- end }}
{{ include "yunxi.secretEnv" (dict "name" "YUNXI_SIGNING_SECRET" "secret" (default $creds $v.signingSecret.existingSecret) "key" (ternary $v.signingSecret.key "signing-secret" (ne $v.signingSecret.existingSecret ""))) }}
{{- if and (has "postgres" $needs) (not $v.postgres.embedded) }}
{{ include "yunxi.secretEnv" (dict "name" "YUNXI_DATABASE_URL" "secret" (default $creds $v.postgres.existingSecret) "key" (ternary $v.postgres.urlKey "postgres-url" (ne $v.postgres.existingSecret ""))) }}
{{- range $m, $o := $v.postgres.perService }}
{{- if has $m $.modules }}
{{ include "yunxi.secretEnv" (dict "name" (printf "%s_DATABASE_URL" ($m | upper | replace "-" "_")) "secret" $o.existingSecret "key" (default "url" $o.urlKey)) }}
{{- end }}
{{- end }}
{{- end }}
{{- if and (has "kafka" $needs) (not $v.kafka.embedded) }}
- name: YUNXI_KAFKA_BROKERS
  value: {{ $v.kafka.brokers | quote }}
{{- if $v.kafka.namespace }}
- name: YUNXI_EVENT_NAMESPACE
  value: {{ $v.kafka.namespace | quote }}
{{- end }}
{{- end }}
{{- if has "kafka" $needs }}
{{- /* The embedded event bus reads it too. */}}
- name: YUNXI_EVENT_MAX_ATTEMPTS
  value: {{ $v.kafka.maxAttempts | quote }}
{{- end }}
{{- if and (has "s3" $needs) (not $v.s3.embedded) }}
- name: YUNXI_S3_ENDPOINT
  value: {{ $v.s3.endpoint | quote }}
- name: YUNXI_S3_BUCKET
  value: {{ $v.s3.bucket | quote }}
- name: YUNXI_S3_REGION
  value: {{ $v.s3.region | quote }}
{{ include "yunxi.secretEnv" (dict "name" "YUNXI_S3_ACCESS_KEY" "secret" (default $creds $v.s3.existingSecret) "key" (ternary $v.s3.accessKeyKey "s3-access-key" (ne $v.s3.existingSecret ""))) }}
{{ include "yunxi.secretEnv" (dict "name" "YUNXI_S3_SECRET_KEY" "secret" (default $creds $v.s3.existingSecret) "key" (ternary $v.s3.secretKeyKey "s3-secret-key" (ne $v.s3.existingSecret ""))) }}
{{- end }}
{{- if and (has "redis" $needs) (not $v.redis.embedded) }}
{{ include "yunxi.secretEnv" (dict "name" "YUNXI_REDIS_URL" "secret" (default $creds $v.redis.existingSecret) "key" (ternary $v.redis.urlKey "redis-url" (ne $v.redis.existingSecret ""))) }}
{{- end }}
{{- if and (has "mqtt" $needs) $v.mqtt.embedded }}
- name: YUNXI_MQTT_PORT
  value: {{ $v.mqtt.embeddedPort | quote }}
{{- end }}
{{- if and (has "mqtt" $needs) (not $v.mqtt.embedded) }}
- name: YUNXI_MQTT_URL
  value: {{ $v.mqtt.url | quote }}
{{ include "yunxi.secretEnv" (dict "name" "YUNXI_MQTT_ADMIN_USER" "secret" (default $creds $v.mqtt.existingSecret) "key" (ternary $v.mqtt.adminUserKey "mqtt-admin-user" (ne $v.mqtt.existingSecret ""))) }}
{{ include "yunxi.secretEnv" (dict "name" "YUNXI_MQTT_ADMIN_PASSWORD" "secret" (default $creds $v.mqtt.existingSecret) "key" (ternary $v.mqtt.adminPasswordKey "mqtt-admin-password" (ne $v.mqtt.existingSecret ""))) }}
{{- end }}
{{- if and (has "oidc" $needs) (not $v.oidc.embedded) }}
- name: YUNXI_OIDC_ISSUER
  value: {{ $v.oidc.issuer | quote }}
- name: YUNXI_OIDC_CLIENT_ID
  value: {{ $v.oidc.clientId | quote }}
{{- if $v.zone.enabled }}
{{- /* A zone cannot reach the issuer: its zone gateway relays the central's JWKS (gateway/src/zone). */}}
- name: YUNXI_OIDC_JWKS_URL
  value: {{ printf "http://%sgateway:%v/oidc/jwks" $v.serviceNamePrefix $v.ports.http | quote }}
{{- end }}
{{- if or $v.oidc.existingSecret $v.oidc.clientSecret }}
{{ include "yunxi.secretEnv" (dict "name" "YUNXI_OIDC_CLIENT_SECRET" "secret" (default $creds $v.oidc.existingSecret) "key" (ternary $v.oidc.clientSecretKey "oidc-client-secret" (ne $v.oidc.existingSecret ""))) }}
{{- end }}
{{- end }}
{{- if and (has "kme" $needs) (not $v.kme.embedded) }}
- name: YUNXI_KME_URL
  value: {{ $v.kme.url | quote }}
{{- end }}
{{- if has "gateway" .modules }}
{{- $publicUrl := $v.publicUrl }}
{{- if and (not $publicUrl) $v.ingress.enabled }}{{ $publicUrl = printf "%s://%s" (ternary "https" "http" (ne $v.ingress.tlsSecret "")) $v.ingress.host }}{{ end }}
{{- if $publicUrl }}
- name: YUNXI_PUBLIC_URL
  value: {{ $publicUrl | quote }}
{{- end }}
{{- /* Read by the gateway's zone tunnel (gateway/src/zone, GATEWAY_ZONE_* like its other settings). */}}
{{- if $v.zone.enabled }}
- name: GATEWAY_ZONE_NAME
  value: {{ $v.zone.name | quote }}
- name: GATEWAY_ZONE_CENTRAL_ADDRESS
  value: {{ $v.zone.centralGateway.address | quote }}
- name: GATEWAY_ZONE_TLS_DIR
  value: /etc/yunxi/zone-tls
{{- end }}
{{- if $v.centralTunnel.enabled }}
- name: GATEWAY_ZONE_TUNNEL_PORT
  value: {{ $v.centralTunnel.port | quote }}
- name: GATEWAY_ZONE_TUNNEL_TLS_DIR
  value: /etc/yunxi/zone-tls
{{- end }}
{{- end }}
{{- if has "organisation" .modules }}
{{- with $v.alarmDelivery.deniedNetworks }}
- name: ORGANISATION_ALARM_DELIVERY_DENIED_NETWORKS
  value: {{ . | quote }}
{{- end }}
{{- with $v.alarmDelivery.allowedNetworks }}
- name: ORGANISATION_ALARM_DELIVERY_ALLOWED_NETWORKS
  value: {{ . | quote }}
{{- end }}
{{- end }}
{{- with $v.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* NetworkPolicy egress rules to the dependencies in `needs`: dict root, needs. */}}
{{- define "yunxi.dependencyEgress" -}}
{{- $v := .root.Values -}}
{{- range $d := .needs }}
{{- $dep := index $v $d }}
{{- if not $dep.embedded }}
- ports:
  {{- range $p := $dep.egress.ports }}
    - { protocol: TCP, port: {{ $p }} }
  {{- end }}
  {{- if $dep.egress.to }}
  to: {{ toJson $dep.egress.to }}
  {{- else if $v.zone.enabled }}
  # Zone mode: an unspecified destination means "inside this namespace", never the outside.
  to: [{ podSelector: {} }]
  {{- end }}
{{- end }}
{{- end }}
{{- end -}}
