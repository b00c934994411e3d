// A CustomResourceDefinition that uses every structural-schema extension the schema walk honours.

export const widgetCrd = (apiVersion = 'apiextensions.k8s.io/v1') => `apiVersion: ${apiVersion}
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer}
                port: {x-kubernetes-int-or-string: true}
                mode: {type: string, enum: [Fast, Slow]}
                labels: {type: object, additionalProperties: {type: string}}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                known:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                  properties:
                    replicas: {type: integer}
                template: {type: object, x-kubernetes-embedded-resource: true, properties: {data: {type: object, additionalProperties: {type: string}}}}
                note: {type: string, nullable: true}
`;
