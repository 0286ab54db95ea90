package dev.northstar.access.internal;

import dev.northstar.access.CurrentViewer;
import dev.northstar.access.Viewer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Lets controllers take the current {@link Viewer} as a parameter. */
@Configuration
class ViewerArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final CurrentViewer currentViewer;

    ViewerArgumentResolver(CurrentViewer currentViewer) {
        this.currentViewer = currentViewer;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Viewer.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        return currentViewer.get();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
