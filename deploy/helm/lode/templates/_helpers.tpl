{{/* Names and labels shared by every Lode resource. */}}

{{- define "lode.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "lode.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Standard labels; pass (dict "root" $ "component" "registry"). */}}
{{- define "lode.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "lode.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: lode
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end -}}

{{- define "lode.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lode.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "lode.serviceName" -}}
{{- printf "%s-%s" (include "lode.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "lode.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "lode.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "lode.kafkaBootstrap" -}}
{{- if .Values.strimzi.enabled -}}
{{- printf "%s-kafka-bootstrap:9092" .Values.strimzi.clusterName -}}
{{- else -}}
{{- .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{- define "lode.image" -}}
{{- $v := .root.Values.image -}}
{{- $repo := printf "%s/%s-service" $v.group .component -}}
{{- if $v.registry }}{{ $repo = printf "%s/%s" $v.registry $repo }}{{ end -}}
{{- $digest := index ($v.digests | default dict) .component -}}
{{- if $digest }}{{ printf "%s@%s" $repo $digest }}{{ else }}{{ printf "%s:%s" $repo (default .root.Chart.AppVersion $v.tag) }}{{ end -}}
{{- end -}}

{{/* The services of the network, in one place. */}}
{{- define "lode.components" -}}
gateway registry orchestrator verifier reward
{{- end -}}

{{/* An egress rule to the port of a URL (its own, or 443 for https and 80 for http), to the given peers or anywhere. */}}
{{- define "lode.egressToUrl" -}}
{{- $u := urlParse .url -}}
{{- $hostPort := splitList ":" $u.host -}}
{{- $port := ternary (last $hostPort) (ternary "443" "80" (eq $u.scheme "https")) (gt (len $hostPort) 1) -}}
- ports:
    - port: {{ $port }}
      protocol: TCP
  {{- with .peers }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}
